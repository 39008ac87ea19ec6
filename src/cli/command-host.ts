import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { connectProcessHost, type ProcessHost } from '../lib/runtime/node';
import type { ExecResult } from '../lib/runtime';
import { messageOf } from '../lib/errors';

/** Set by scripts/build-cli.mjs: in the package the host is compiled beside kiln.mjs. */
declare const KILN_COMMAND_HOST: string | undefined;

const HOST_ENTRY = fileURLToPath(
	new URL(
		typeof KILN_COMMAND_HOST === 'string' ? KILN_COMMAND_HOST : '../../bin/kiln-command-host.mjs',
		import.meta.url
	)
);

/**
 * Started by this process, the launcher starts the host in a session of its own and exits at
 * once: the host is then adopted by init (or the nearest subreaper) and no longer has this
 * process, nor the shell or npx above it, as an ancestor. The host gets the launcher's fd 3, a
 * socket to this process (not stdin: Node closes a child's stdin stream when the child exits).
 */
const LAUNCHER = `require('node:child_process').spawn(process.execPath, process.argv.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'inherit', 3] }).unref();`;

/**
 * Starts the process the node runtime's commands run under. This process holds the API key in
 * its initial environment or command line (what /proc/<pid>/environ and /proc/<pid>/cmdline
 * show, whatever process.env says now), and a command can read its parent's and every
 * ancestor's. The host is started with `env` (which must hold no key) and is not a descendant of
 * this process, so commands find no key above them.
 */
export async function startCommandHost(env: NodeJS.ProcessEnv): Promise<ProcessHost> {
	const launcher = spawn(process.execPath, ['-e', LAUNCHER, HOST_ENTRY], {
		env,
		cwd: '/',
		stdio: ['ignore', 'ignore', 'inherit', 'pipe']
	});
	const channel = launcher.stdio[3] as Duplex;
	const failed = new Promise<never>((_, reject) =>
		launcher.once('error', (error) => reject(error))
	);
	try {
		return await Promise.race([connectProcessHost(channel, channel), failed]);
	} catch (error) {
		channel.destroy();
		const reason = messageOf(error);
		throw new Error(
			`Could not start the process that runs commands (${reason}). Check that Node.js can start ${HOST_ENTRY}, or use --runtime browser.`,
			{ cause: error }
		);
	}
}

/**
 * A host started on the first command only: most `kiln tool` calls (read, grep…) run none, and
 * need not pay for a second process. A host that cannot start fails that command with the reason.
 */
export function lazyCommandHost(env: NodeJS.ProcessEnv): ProcessHost {
	let started: Promise<ProcessHost> | undefined;
	return {
		run(command, options) {
			started ??= startCommandHost(env);
			let stopped = false;
			let stopRunning: (() => void) | undefined;
			const result = started.then(
				(host) => {
					const running = host.run(command, options);
					stopRunning = running.stop;
					if (stopped) running.stop();
					return running.result;
				},
				(error: unknown): ExecResult => {
					const output = `${messageOf(error)}\n`;
					options.onOutput?.(output);
					return { exitCode: 1, output, timedOut: false, aborted: false };
				}
			);
			return {
				result,
				stop() {
					stopped = true;
					stopRunning?.();
				}
			};
		},
		async dispose() {
			const host = await started?.catch(() => undefined);
			await host?.dispose();
		}
	};
}
