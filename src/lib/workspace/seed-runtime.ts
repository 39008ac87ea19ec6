import { dirname, normalizePath } from '../runtime';
import type { Runtime } from '../runtime';

/** Files and folders to put into a runtime: a stored project snapshot has this shape. */
export interface RuntimeSeed {
	readonly files: Readonly<Record<string, string | Uint8Array>>;
	/** Folders to create even when empty. */
	readonly dirs?: readonly string[];
}

/**
 * Writes a project into a runtime that starts empty, with plain mkdir and writeFile calls, so
 * it works on every runtime (WebContainer's mount is faster where available).
 */
export async function seedRuntime(runtime: Runtime, seed: RuntimeSeed): Promise<void> {
	const folders = new Set<string>();
	for (const dir of seed.dirs ?? []) folders.add(normalizePath(dir));
	for (const path of Object.keys(seed.files)) folders.add(dirname(normalizePath(path)));
	folders.delete('');
	for (const folder of [...folders].sort()) await runtime.fs.mkdir(folder, { recursive: true });
	for (const [path, data] of Object.entries(seed.files)) await runtime.fs.writeFile(path, data);
}
