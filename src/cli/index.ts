// The headless entry point: bin/kiln.mjs loads this through tsx.
export { main } from './main';
export { createCliOutput, REDACTED_SECRET, type CliOutput } from './output';
