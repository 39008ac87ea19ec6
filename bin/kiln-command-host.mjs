#!/usr/bin/env node
// The command host in a checkout: the process the CLI's commands run under (src/cli/host-entry.ts).
// The CLI starts it through a short-lived launcher, detached, with an environment without API
// keys, so neither it nor any process above it ever held the key. The package runs the compiled
// dist/cli/kiln-command-host.mjs instead.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { serveCommandHost } = await import('../src/cli/host-entry.ts');
await serveCommandHost();
