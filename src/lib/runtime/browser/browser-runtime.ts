/**
 * The offline runtime: just-bash (a simulated bash) over an in-memory filesystem, all inside
 * the page. just-bash is about 1.3 MB, so it is imported only when a runtime is created.
 */
import type { Runtime } from '../types';
import { normalizePath } from '../paths';
import { timeSlices } from '../yield-to-page';
import { createBashExecutor, JUST_BASH_OUTPUT_LIMIT } from './bash-exec';
import { browserCapabilities, browserShellBanner } from './capabilities';
import { FsEventBatcher } from './event-batcher';
import { createProjectFs } from './project-fs';
import { PROJECT_ROOT, toBashPath, toProjectPath } from './project-paths';
import { WatchedFs } from './watched-fs';

export interface BrowserRuntimeOptions {
	/** Files to start with, keyed by project-relative path; folders are created as needed. */
	files?: Readonly<Record<string, string | Uint8Array>>;
	/** Folders to create even when empty. */
	dirs?: readonly string[];
	/** When each file was last written (by path): `ls -l` and stat show it rather than now. */
	mtimes?: Readonly<Record<string, number>>;
}

type JustBash = typeof import('just-bash/browser');
let loading: Promise<JustBash> | undefined;

/**
 * Starts loading just-bash (and the Buffer it needs) without creating anything: a page calls this
 * the moment it knows it will want a runtime, so the 1.3 MB download overlaps reading storage.
 */
export function preloadBrowserRuntime(): Promise<JustBash> {
	loading ??= ensureBuffer().then(() => import('just-bash/browser'));
	// A failed download may succeed on the next try (the network came back).
	loading.catch(() => (loading = undefined));
	return loading;
}

export async function createBrowserRuntime(options: BrowserRuntimeOptions = {}): Promise<Runtime> {
	// The line shell (its keys, history and builtins) comes with just-bash, which this already
	// waits for, rather than with the IDE's first paint.
	const [{ Bash, InMemoryFs }, { LineShell }] = await Promise.all([
		preloadBrowserRuntime(),
		import('../shell/line-shell')
	]);

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

	return {
		capabilities: browserCapabilities,
		fs: projectFs,
		exec: (command, execOptions) => executor.exec(command, execOptions),
		async openShell(shellOptions) {
			return new LineShell({
				exec: (command, execOptions) => executor.exec(command, execOptions),
				fs: projectFs,
				banner: browserShellBanner,
				...shellOptions
			});
		},
		// Nothing here can listen on a port; the app previews the files itself.
		onPreview: () => () => {},
		async dispose() {
			executor.abortAll();
			events.dispose();
		}
	};
}

/** just-bash's gzip needs a global Buffer, which browsers lack. Set on first use, not import. */
async function ensureBuffer(): Promise<void> {
	if ('Buffer' in globalThis) return;
	const { Buffer } = await import('buffer');
	(globalThis as { Buffer?: unknown }).Buffer = Buffer;
}
