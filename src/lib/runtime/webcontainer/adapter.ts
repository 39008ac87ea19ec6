import type { PreviewEvent, Runtime, RuntimeCapabilities } from '../types';
import { containerProcessTable } from './background';
import { createWebContainerFs } from './fs';
import { execInContainer, openContainerShell, type ProcessTracker } from './process';
import type { WebContainerLike } from './types';
import { createWatchHub } from './watch';

export const webContainerCapabilities: RuntimeCapabilities = {
	kind: 'webcontainer',
	label: 'WebContainer',
	node: true,
	npm: true,
	stat: false,
	preview: 'server',
	summary:
		'Real Node.js and npm (WebContainer): npm install, node scripts and dev servers work, and ' +
		'servers open a preview. Commands run in jsh, a small shell without grep, find, sed, awk or ' +
		'sleep, where complex scripts fail: use the search and edit tools for files. Native addons ' +
		'do not load; use npm rather than yarn or pnpm.'
};

/**
 * A Runtime over a booted WebContainer (see bootWebContainer). Disposing it stops its
 * processes, watchers and listeners but leaves the container running: one container lives
 * for the whole page, and a new runtime can be created over it.
 */
export function createWebContainerRuntime(container: WebContainerLike): Runtime {
	const hub = createWatchHub(container.fs);
	const live: ProcessTracker = new Set();
	const processes = containerProcessTable(container, live);
	// A server that comes up belongs to a background process: the Processes panel shows its URL.
	const offServers = container.on('server-ready', (port, url) => processes.noteServer(port, url));
	const offPorts = container.on('port', (port, type) => {
		if (type === 'close') processes.forgetServer(port);
	});
	const unsubscribes = new Set<() => void>();
	let disposed = false;

	const assertOpen = () => {
		if (disposed) throw new Error('This WebContainer runtime was disposed; create a new one.');
	};

	return {
		capabilities: webContainerCapabilities,
		fs: createWebContainerFs(container.fs, hub),

		async exec(command, options = {}) {
			assertOpen();
			return execInContainer(container, command, options, live);
		},

		processes,

		async openShell(options) {
			assertOpen();
			return openContainerShell(container, options, live);
		},

		onPreview(listener: (event: PreviewEvent) => void) {
			const offReady = container.on('server-ready', (port, url) =>
				listener({ type: 'ready', port, url })
			);
			const offPort = container.on('port', (port, type) => {
				if (type === 'close') listener({ type: 'closed', port });
			});
			const unsubscribe = () => {
				offReady();
				offPort();
				unsubscribes.delete(unsubscribe);
			};
			unsubscribes.add(unsubscribe);
			return unsubscribe;
		},

		async dispose() {
			disposed = true;
			hub.close();
			offServers();
			offPorts();
			await processes.dispose();
			for (const unsubscribe of [...unsubscribes]) unsubscribe();
			for (const child of [...live]) child.kill();
			live.clear();
		}
	};
}
