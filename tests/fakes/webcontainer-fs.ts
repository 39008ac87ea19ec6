/**
 * The filesystem half of the WebContainer test double: @webcontainer/api's FileSystemAPI over a
 * real directory, with the real API's shape and quirks:
 * - paths are relative to the workdir (absolute ones are taken as they are, and must stay
 *   inside the double's directory: it never touches the rest of the machine);
 * - errors arrive as WebContainer's do after crossing its message port: an `Error` with only
 *   `name`, `message` and `stack`, no `code` (Comlink drops the rest);
 * - readdir's withFileTypes entries have only `name`, `isFile()` and `isDirectory()`;
 * - there is no stat, lstat, exists or chmod.
 */
import { watch as nodeWatch, promises as fsp, type FSWatcher } from 'node:fs';
import { isAbsolute, normalize, resolve, sep } from 'node:path';
import type {
	BufferEncoding,
	DirEnt,
	FileSystemAPI,
	FSWatchCallback,
	FSWatchOptions,
	IFSWatcher
} from '@webcontainer/api';

type ReaddirOptions =
	| 'buffer'
	| BufferEncoding
	| null
	| { encoding?: BufferEncoding | 'buffer' | null; withFileTypes?: boolean };

/** What Comlink rebuilds on the page side of the port: `Object.assign(new Error(message), {message, name, stack})`. */
export function acrossThePort(error: unknown): Error {
	if (!(error instanceof Error)) return new Error(String(error));
	return Object.assign(new Error(error.message), {
		message: error.message,
		name: error.name,
		stack: error.stack
	});
}

class FakeDirEnt<T> implements DirEnt<T> {
	constructor(
		readonly name: T,
		private readonly type: 'file' | 'directory' | 'other'
	) {}
	isFile() {
		return this.type === 'file';
	}
	isDirectory() {
		return this.type === 'directory';
	}
}

export class FakeFileSystem implements FileSystemAPI {
	private readonly watchers = new Set<FSWatcher>();
	private closed = false;

	constructor(private readonly workdir: string) {}

	/** Maps a WebContainer path onto the backing directory, refusing anything outside it. */
	resolve(path: string): string {
		if (this.closed) throw new Error('WebContainer already torn down');
		const full = isAbsolute(path) ? normalize(path) : resolve(this.workdir, path);
		if (full !== this.workdir && !full.startsWith(this.workdir + sep)) {
			throw new Error(`EPERM: operation not permitted, '${path}' is outside the workdir`);
		}
		return full;
	}

	private async call<T>(action: () => Promise<T>): Promise<T> {
		try {
			return await action();
		} catch (error) {
			throw acrossThePort(error);
		}
	}

	readdir(
		path: string,
		options: 'buffer' | { encoding: 'buffer'; withFileTypes?: false }
	): Promise<Uint8Array[]>;
	readdir(
		path: string,
		options?: { encoding?: BufferEncoding | null; withFileTypes?: false } | BufferEncoding | null
	): Promise<string[]>;
	readdir(
		path: string,
		options: { encoding: 'buffer'; withFileTypes: true }
	): Promise<DirEnt<Uint8Array>[]>;
	readdir(
		path: string,
		options: { encoding?: BufferEncoding | null; withFileTypes: true }
	): Promise<DirEnt<string>[]>;
	readdir(
		path: string,
		options?: ReaddirOptions
	): Promise<Uint8Array[] | string[] | DirEnt<Uint8Array>[] | DirEnt<string>[]> {
		return this.call(async () => {
			const encoding = typeof options === 'object' && options !== null ? options.encoding : options;
			const withFileTypes = typeof options === 'object' && options?.withFileTypes === true;
			const entries = await fsp.readdir(this.resolve(path), { withFileTypes: true });
			const toName = (name: string) =>
				encoding === 'buffer' ? new TextEncoder().encode(name) : name;
			if (!withFileTypes) return entries.map((entry) => toName(entry.name)) as string[];
			return entries.map(
				(entry) =>
					new FakeDirEnt(
						toName(entry.name),
						entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other'
					)
			) as DirEnt<string>[];
		});
	}

	readFile(path: string, encoding?: null): Promise<Uint8Array>;
	readFile(path: string, encoding: BufferEncoding): Promise<string>;
	readFile(path: string, encoding?: BufferEncoding | null): Promise<Uint8Array | string> {
		return this.call(async () => {
			const data = await fsp.readFile(this.resolve(path));
			// A plain Uint8Array, as structured clone delivers it, not a Node Buffer.
			return encoding ? data.toString(encoding) : new Uint8Array(data);
		});
	}

	writeFile(
		path: string,
		data: string | Uint8Array,
		options?: string | { encoding?: string | null } | null
	): Promise<void> {
		return this.call(async () => {
			const encoding = typeof options === 'string' ? options : (options?.encoding ?? undefined);
			await fsp.writeFile(this.resolve(path), data, {
				encoding: (encoding ?? 'utf8') as NodeJS.BufferEncoding
			});
		});
	}

	mkdir(path: string, options?: { recursive?: false }): Promise<void>;
	mkdir(path: string, options: { recursive: true }): Promise<string>;
	mkdir(path: string, options?: { recursive?: boolean }): Promise<void | string> {
		return this.call(async () => {
			const first = await fsp.mkdir(this.resolve(path), { recursive: options?.recursive });
			if (options?.recursive) return first ?? '';
		});
	}

	rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void> {
		return this.call(() => fsp.rm(this.resolve(path), options));
	}

	rename(oldPath: string, newPath: string): Promise<void> {
		return this.call(() => fsp.rename(this.resolve(oldPath), this.resolve(newPath)));
	}

	watch(filename: string, options?: FSWatchOptions, listener?: FSWatchCallback): IFSWatcher;
	watch(filename: string, listener?: FSWatchCallback): IFSWatcher;
	watch(
		filename: string,
		optionsOrListener?: FSWatchOptions | FSWatchCallback,
		maybeListener?: FSWatchCallback
	): IFSWatcher {
		const listener = typeof optionsOrListener === 'function' ? optionsOrListener : maybeListener;
		const options = typeof optionsOrListener === 'function' ? null : optionsOrListener;
		const recursive = typeof options === 'object' && options !== null && options.recursive;
		const watcher = nodeWatch(
			this.resolve(filename),
			{ recursive: recursive === true, encoding: 'utf8', persistent: false },
			(event, name) => {
				if (name !== null) listener?.(event, name);
			}
		);
		// A watched folder that disappears is not a crash, here or in WebContainer.
		watcher.on('error', () => undefined);
		this.watchers.add(watcher);
		return {
			close: () => {
				watcher.close();
				this.watchers.delete(watcher);
			}
		};
	}

	/** Used by the double's teardown: every later call fails, as on a torn-down container. */
	close(): void {
		this.closed = true;
		for (const watcher of this.watchers) watcher.close();
		this.watchers.clear();
	}
}
