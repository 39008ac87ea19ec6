/**
 * The offline runtime: just-bash (a simulated bash) over an in-memory filesystem, all inside
 * the page. just-bash's start is about 0.7 MB (its commands load when first run: see
 * tooling/just-bash-split.ts), so it is imported only when a runtime is created, and with it this
 * runtime's own code (bash-runtime.ts: filesystem, executor, line shell).
 */
import type { Runtime } from '../types';

export interface BrowserRuntimeOptions {
	/** Files to start with, keyed by project-relative path; folders are created as needed. */
	files?: Readonly<Record<string, string | Uint8Array>>;
	/** Folders to create even when empty. */
	dirs?: readonly string[];
	/** When each file was last written (by path): `ls -l` and stat show it rather than now. */
	mtimes?: Readonly<Record<string, number>>;
}

type JustBash = typeof import('./just-bash-parts');
type Loaded = [JustBash, typeof import('./bash-runtime')];
let loading: Promise<Loaded> | undefined;

/**
 * Starts loading just-bash (and the Buffer it needs) without creating anything: a page calls this
 * the moment it knows it will want a runtime, so the download overlaps reading storage.
 */
export function preloadBrowserRuntime(): Promise<Loaded> {
	// All three side by side: just-bash reads the global Buffer only when gzip runs, not on import.
	loading ??= Promise.all([
		import('./just-bash-parts'),
		import('./bash-runtime'),
		ensureBuffer()
	]).then(([justBash, runtime]): Loaded => [justBash, runtime]);
	// A failed download may succeed on the next try (the network came back).
	loading.catch(() => (loading = undefined));
	return loading;
}

export async function createBrowserRuntime(options: BrowserRuntimeOptions = {}): Promise<Runtime> {
	const [justBash, { buildBrowserRuntime }] = await preloadBrowserRuntime();
	return buildBrowserRuntime(justBash, options);
}

/** just-bash's gzip needs a global Buffer, which browsers lack. Set on first use, not import. */
async function ensureBuffer(): Promise<void> {
	if ('Buffer' in globalThis) return;
	const { Buffer } = await import('buffer');
	(globalThis as { Buffer?: unknown }).Buffer = Buffer;
}
