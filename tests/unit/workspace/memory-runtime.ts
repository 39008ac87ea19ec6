/**
 * A small in-memory Runtime for workspace tests: a faithful filesystem (the error codes and
 * watch events of the runtime contract) and no commands. Tests play "a process" by calling
 * `runtime.fs` directly: those changes reach the workspace only through watch.
 */
import { basename, dirname, isWithin, normalizePath } from '../../../src/lib/runtime/paths';
import {
	RuntimeFsError,
	type DirEntry,
	type FileStat,
	type FsEvent,
	type FsEventListener,
	type Runtime,
	type RuntimeFs
} from '../../../src/lib/runtime/types';

type Entry = { type: 'file'; data: Uint8Array; mtimeMs: number } | { type: 'directory' };

export interface MemoryRuntimeOptions {
	files?: Record<string, string | Uint8Array>;
	/** `sync`: listeners run inside the fs call; `microtask`: batched after it (as most runtimes). */
	delivery?: 'sync' | 'microtask';
	/** Offer stat (WebContainer does not). */
	stat?: boolean;
}

export interface MemoryRuntime extends Runtime {
	/** How many times each fs method was called, to check what a workspace asks for. */
	readonly calls: Record<string, number>;
	/** Paths currently present, folders with a trailing slash. */
	snapshot(): Record<string, string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createMemoryRuntime(options: MemoryRuntimeOptions = {}): MemoryRuntime {
	const entries = new Map<string, Entry>([['', { type: 'directory' }]]);
	const listeners = new Set<FsEventListener>();
	const calls: Record<string, number> = {};
	let queued: FsEvent[] = [];
	const delivery = options.delivery ?? 'microtask';

	const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);

	const emit = (event: FsEvent) => {
		if (delivery === 'sync') {
			for (const listener of [...listeners]) listener([event]);
			return;
		}
		if (queued.length === 0) {
			queueMicrotask(() => {
				const batch = queued;
				queued = [];
				for (const listener of [...listeners]) listener(batch);
			});
		}
		queued.push(event);
	};

	const dirOf = (path: string) => {
		const parent = entries.get(dirname(path));
		if (!parent) throw new RuntimeFsError('ENOENT', path);
		if (parent.type !== 'directory') throw new RuntimeFsError('ENOTDIR', path);
	};

	const fileAt = (path: string) => {
		const entry = entries.get(path);
		if (!entry) throw new RuntimeFsError('ENOENT', path);
		if (entry.type !== 'file') throw new RuntimeFsError('EISDIR', path);
		return entry;
	};

	const below = (path: string) => [...entries.keys()].filter((key) => isWithin(key, path));

	const fs: RuntimeFs = {
		async readFile(path) {
			count('readFile');
			return new Uint8Array(fileAt(normalizePath(path)).data);
		},
		async readTextFile(path) {
			count('readTextFile');
			return decoder.decode(fileAt(normalizePath(path)).data);
		},
		async writeFile(path, data) {
			count('writeFile');
			const normal = normalizePath(path);
			dirOf(normal);
			if (entries.get(normal)?.type === 'directory') throw new RuntimeFsError('EISDIR', normal);
			const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
			entries.set(normal, { type: 'file', data: bytes, mtimeMs: Date.now() });
			emit({ type: 'change', path: normal });
		},
		async mkdir(path, { recursive = false } = {}) {
			count('mkdir');
			const normal = normalizePath(path);
			const existing = entries.get(normal);
			if (existing) {
				if (existing.type === 'directory' && recursive) return;
				throw new RuntimeFsError('EEXIST', normal);
			}
			if (recursive && normal.includes('/') && !entries.has(dirname(normal))) {
				await fs.mkdir(dirname(normal), { recursive: true });
			}
			dirOf(normal);
			entries.set(normal, { type: 'directory' });
			emit({ type: 'mkdir', path: normal });
		},
		async rm(path, { recursive = false, force = false } = {}) {
			count('rm');
			const normal = normalizePath(path);
			const entry = entries.get(normal);
			if (!entry) {
				if (force) return;
				throw new RuntimeFsError('ENOENT', normal);
			}
			const doomed = below(normal);
			if (entry.type === 'directory' && doomed.length > 1 && !recursive) {
				throw new RuntimeFsError('ENOTEMPTY', normal);
			}
			for (const key of doomed) entries.delete(key);
			emit({ type: 'remove', path: normal });
		},
		async rename(from, to) {
			count('rename');
			const source = normalizePath(from);
			const target = normalizePath(to);
			if (!entries.has(source)) throw new RuntimeFsError('ENOENT', source);
			dirOf(target);
			for (const key of below(target)) entries.delete(key);
			for (const key of below(source)) {
				const entry = entries.get(key)!;
				entries.delete(key);
				entries.set(target + key.slice(source.length), entry);
			}
			emit({ type: 'remove', path: source });
			emit({ type: entries.get(target)?.type === 'directory' ? 'mkdir' : 'change', path: target });
		},
		async readdir(path) {
			count('readdir');
			const normal = normalizePath(path);
			const entry = entries.get(normal);
			if (!entry) throw new RuntimeFsError('ENOENT', normal);
			if (entry.type !== 'directory') throw new RuntimeFsError('ENOTDIR', normal);
			const result: DirEntry[] = [];
			for (const [key, child] of entries) {
				if (key !== '' && key !== normal && dirname(key) === normal) {
					result.push({ name: basename(key), type: child.type });
				}
			}
			return result;
		},
		watch(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	};

	if (options.stat) {
		fs.stat = async (path): Promise<FileStat> => {
			count('stat');
			const entry = entries.get(normalizePath(path));
			if (!entry) throw new RuntimeFsError('ENOENT', path);
			return entry.type === 'file'
				? { type: 'file', size: entry.data.byteLength, mtimeMs: entry.mtimeMs }
				: { type: 'directory', size: 0, mtimeMs: 0 };
		};
	}

	for (const [path, data] of Object.entries(options.files ?? {})) {
		const normal = normalizePath(path);
		const parts = normal.split('/');
		for (let depth = 1; depth < parts.length; depth++) {
			entries.set(parts.slice(0, depth).join('/'), { type: 'directory' });
		}
		const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
		entries.set(normal, { type: 'file', data: bytes, mtimeMs: 1 });
	}

	return {
		capabilities: {
			kind: 'browser',
			label: 'Memory',
			node: false,
			npm: false,
			stat: options.stat ?? false,
			preview: 'none',
			summary: 'An in-memory filesystem for tests; it runs no commands.'
		},
		fs,
		calls,
		async exec() {
			return {
				exitCode: 127,
				output: 'The memory runtime runs no commands.',
				timedOut: false,
				aborted: false
			};
		},
		async openShell() {
			throw new Error('The memory runtime has no shell.');
		},
		onPreview() {
			return () => {};
		},
		async dispose() {
			listeners.clear();
		},
		snapshot() {
			const result: Record<string, string> = {};
			for (const [key, entry] of entries) {
				if (key === '') continue;
				if (entry.type === 'directory') result[key + '/'] = '';
				else result[key] = decoder.decode(entry.data);
			}
			return result;
		}
	};
}
