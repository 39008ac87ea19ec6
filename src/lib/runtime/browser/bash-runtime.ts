/**
 * The offline runtime's own code: the watched in-memory filesystem, the executor and the line
 * shell over just-bash. browser-runtime.ts imports this module with just-bash, never statically,
 * so none of it is in the IDE's first paint; a page that will want a runtime preloads both.
 */
import type { Runtime } from '../types';
import { normalizePath } from '../paths';
import { timeSlices } from '../yield-to-page';
import { LineShell } from '../shell/line-shell';
import { createBashExecutor, JUST_BASH_OUTPUT_LIMIT } from './bash-exec';
import { endsTooEarly } from './bash-syntax';
import type { BrowserRuntimeOptions } from './browser-runtime';
import { ProcessTable } from '../process-table';
import {
	BROWSER_BACKGROUND_REFUSAL,
	browserCapabilities,
	browserShellBanner
} from './capabilities';
import { FsEventBatcher } from './event-batcher';
import { createProjectFs } from './project-fs';
import { PROJECT_ROOT, toBashPath, toProjectPath } from './project-paths';
import { WatchedFs } from './watched-fs';

type JustBash = typeof import('./just-bash-parts');

export async function buildBrowserRuntime(
	{ Bash, InMemoryFs }: JustBash,
	options: BrowserRuntimeOptions
): Promise<Runtime> {
	const store = new InMemoryFs({ [`${PROJECT_ROOT}/.keep`]: '' });
	// The placeholder only made sure /project exists even with no files.
	await store.rm(`${PROJECT_ROOT}/.keep`);
	// Written in slices: 2,000 files (30 MB) handed to the constructor were one ~250 ms task.
	const pause = timeSlices();
	for (const [path, content] of Object.entries(options.files ?? {})) {
		if (normalizePath(path) === '') continue;
		// Bytes are copied: the caller's array may be handed elsewhere (the workspace's index).
		const data = typeof content === 'string' ? content : new Uint8Array(content);
		const mtimeMs = options.mtimes?.[path];
		const metadata = mtimeMs === undefined ? undefined : { mtime: new Date(mtimeMs) };
		store.writeFileSync(toBashPath(path), data, undefined, metadata);
		await pause();
	}
	await store.mkdir('/tmp', { recursive: true });
	for (const dir of options.dirs ?? []) {
		if (normalizePath(dir) !== '') await store.mkdir(toBashPath(dir), { recursive: true });
	}

	const events = new FsEventBatcher();
	const fs = new WatchedFs(store, (type, absolute) => {
		const path = toProjectPath(absolute);
		if (path !== undefined) events.push({ type, path });
	});
	// HOME is the project so `cd ~` and `~/x` in commands stay inside it.
	const bash = new Bash({
		fs,
		cwd: PROJECT_ROOT,
		env: { HOME: PROJECT_ROOT },
		executionLimits: { maxOutputSize: JUST_BASH_OUTPUT_LIMIT }
	});
	const executor = createBashExecutor(bash, () => events.flush());
	const projectFs = createProjectFs(fs, events);
	// Foreground commands are still listed (and stoppable) here; background ones are refused.
	const processes = new ProcessTable({ launch: { refuse: BROWSER_BACKGROUND_REFUSAL } });

	return {
		capabilities: browserCapabilities,
		fs: projectFs,
		exec: (command, execOptions) => executor.exec(command, execOptions),
		processes,
		async openShell(shellOptions) {
			return new LineShell({
				exec: (command, execOptions) => executor.exec(command, execOptions),
				fs: projectFs,
				banner: browserShellBanner,
				syntax: (text) => endsTooEarly(bash, text),
				...shellOptions
			});
		},
		// Nothing here can listen on a port; the app previews the files itself.
		onPreview: () => () => {},
		async dispose() {
			executor.abortAll();
			await processes.dispose();
			events.dispose();
		}
	};
}
