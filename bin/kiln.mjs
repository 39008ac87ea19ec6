#!/usr/bin/env node
// The `kiln` command in a checkout, straight from the TypeScript sources (tests run this one, so
// they never need a build). The package's `bin` is the compiled dist/cli/kiln.mjs instead
// (scripts/build-cli.mjs, run by `npm pack`), which needs no tsx.
import { register } from 'tsx/esm/api';

// No tsconfig: tsx would otherwise pick up the one in the current folder (often the project
// being worked on, not Kiln). The CLI's sources need none (no path aliases).
register({ tsconfig: false });
const { runKilnProcess } = await import('../src/cli/entry.ts');
await runKilnProcess();
