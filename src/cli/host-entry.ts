import { Socket } from 'node:net';
import { serveProcessHost } from '../lib/runtime/node';

/**
 * The command host as a process (see command-host.ts): serves requests on fd 3, a socket to the
 * CLI, and returns when the CLI ends it (finished or died), stopping whatever still runs.
 */
export async function serveCommandHost(): Promise<void> {
	// Half-open: results of commands stopped at the end may still be sent after the CLI stopped sending.
	const channel = new Socket({ fd: 3, allowHalfOpen: true, readable: true, writable: true });
	channel.on('error', () => undefined);
	await serveProcessHost(channel, channel);
	channel.end();
}
