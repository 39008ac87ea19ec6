#!/usr/bin/env node
// The command host: the process the CLI's commands run under (src/lib/runtime/node/process-host-wire.ts).
// The CLI starts it through a short-lived launcher, detached, with an environment without API
// keys, so neither it nor any process above it ever held the key. It serves requests on fd 3 (a
// socket to the CLI) and exits when the CLI ends it (finished or died), stopping whatever still runs.
import { Socket } from 'node:net';
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { serveProcessHost } = await import('../src/lib/runtime/node/process-host-wire.ts');
// Half-open: results of commands stopped at the end may still be sent after the CLI stopped sending.
const channel = new Socket({ fd: 3, allowHalfOpen: true, readable: true, writable: true });
channel.on('error', () => undefined);
await serveProcessHost(channel, channel);
channel.end();
