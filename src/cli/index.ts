// The headless entry point: entry.ts runs it as a process (bin/kiln.mjs from sources, dist/cli/kiln.mjs built).
export { main } from './main';
export { createCliOutput, REDACTED_SECRET, type CliOutput } from './output';
