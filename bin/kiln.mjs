#!/usr/bin/env node
// The `kiln` command. The CLI is TypeScript that imports src/lib directly, so tsx's loader is
// registered in this process (no second Node process to start, and Ctrl+C reaches the CLI).
import { register } from 'tsx/esm/api';

// No tsconfig: tsx would otherwise pick up the one in the current folder (often the project
// being worked on, not Kiln). The CLI's sources need none (no path aliases).
register({ tsconfig: false });
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly once output is flushed: an idle HTTP keep-alive socket must not hold the
// process open after the turn ended.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
