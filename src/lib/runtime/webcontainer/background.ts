/**
 * Background processes in WebContainer: `jsh -c` spawned without awaiting its exit. Servers
 * announce themselves through the container's server-ready event (the adapter attributes it to
 * a process), so no URL is read from output here.
 */
import { ProcessTable, type LaunchedProcess, type LaunchOptions } from '../process-table';
import { createOutputCleaner } from './output-cleaner';
import { containerCwd, type ProcessTracker } from './process';
import type { WebContainerLike } from './types';

export function containerProcessTable(
	container: WebContainerLike,
	live: ProcessTracker
): ProcessTable {
	return new ProcessTable({
		launch: (command, options) => launchInContainer(container, command, options, live)
	});
}

async function launchInContainer(
	container: WebContainerLike,
	command: string,
	options: LaunchOptions,
	live: ProcessTracker
): Promise<LaunchedProcess> {
	const child = await container.spawn('jsh', ['-c', command], {
		cwd: containerCwd(container, options.cwd),
		...(options.env ? { env: options.env } : {}),
		output: true
	});
	live.add(child);
	const cleaner = createOutputCleaner();
	const reader = child.output.getReader();
	const reading = (async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			options.onOutput(cleaner.push(value));
		}
	})().catch(() => undefined);
	const exit = child.exit.then(async (code) => {
		// Output normally closes with the child; a stream that does not must not hold the exit.
		await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 1000))]);
		void reader.cancel().catch(() => undefined);
		options.onOutput(cleaner.flush());
		live.delete(child);
		return code;
	});
	return { exit, kill: () => child.kill() };
}
