import { basename, dirname, isWithin, normalizePath } from '$lib/runtime/paths';
import { describeContent } from '$lib/workspace/content';
import type {
	WorkspaceApi,
	WorkspaceChange,
	WorkspaceChangeOrigin,
	WorkspaceFile,
	WorkspaceListener,
	WorkspaceNode
} from '$lib/workspace/types';

interface Entry {
	content: string | Uint8Array;
	mtimeMs: number;
}

/**
 * An in-memory WorkspaceApi for unit tests. Writes through the API report origin 'workspace';
 * `runtimeWrite` / `runtimeRemove` play a process in the runtime changing files behind the UI's
 * back. Listeners are called synchronously, after the index is up to date.
 */
export class MemoryWorkspace implements WorkspaceApi {
	readonly projectId = 'test-project';
	revision = 0;
	readonly files = new Map<string, Entry>();
	readonly dirs = new Set<string>();
	/** Extra paths treated as .gitignored. */
	readonly ignoredPaths = new Set<string>();
	/** Sizes to report instead of the real one (to play huge files without megabytes of text). */
	readonly reportedSizes = new Map<string, number>();
	/** When set, the next writeFile rejects with this error. */
	failNextWrite: Error | null = null;
	/** When set, writeFile reports its change at once but resolves only after this promise does
	 * (like a workspace that notifies before persisting). */
	writeGate: Promise<void> | null = null;
	/** When set, flush() (everything saved to storage) waits for this promise. */
	flushGate: Promise<void> | null = null;
	readonly writes: string[] = [];
	#pendingReads = new Set<Promise<unknown>>();
	#listeners = new Set<WorkspaceListener>();
	#clock = 1;

	constructor(seed: Record<string, string | Uint8Array> = {}) {
		for (const [path, content] of Object.entries(seed)) this.#put(normalizePath(path), content);
	}

	exists(path: string): boolean {
		path = normalizePath(path);
		return path === '' || this.files.has(path) || this.dirs.has(path);
	}

	isDirectory(path: string): boolean {
		path = normalizePath(path);
		return path === '' || this.dirs.has(path);
	}

	getFile(path: string): WorkspaceFile | undefined {
		path = normalizePath(path);
		const entry = this.files.get(path);
		if (!entry) return undefined;
		const bytes =
			typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : entry.content;
		return {
			path,
			size: this.reportedSizes.get(path) ?? bytes.length,
			mtimeMs: entry.mtimeMs,
			binary: bytes.includes(0),
			textIsExact: describeContent(bytes).textIsExact,
			ignored: this.#ignored(path)
		};
	}

	listDir(path: string): WorkspaceNode[] {
		path = normalizePath(path);
		const children = new Map<string, WorkspaceNode>();
		for (const dir of this.dirs) {
			if (dir !== path && dirname(dir) === path)
				children.set(dir, {
					path: dir,
					name: basename(dir),
					type: 'directory',
					ignored: this.#ignored(dir)
				});
		}
		for (const file of this.files.keys()) {
			if (dirname(file) === path)
				children.set(file, {
					path: file,
					name: basename(file),
					type: 'file',
					ignored: this.#ignored(file)
				});
		}
		return [...children.values()].sort(
			(a, b) =>
				(a.type === b.type ? 0 : a.type === 'directory' ? -1 : 1) || a.name.localeCompare(b.name)
		);
	}

	allFiles(): WorkspaceFile[] {
		return [...this.files.keys()].map((path) => this.getFile(path)!);
	}

	readText(path: string): Promise<string> {
		const read = this.#readText(path);
		this.#pendingReads.add(read);
		void read.catch(() => {}).finally(() => this.#pendingReads.delete(read));
		return read;
	}

	/** Resolves once every read started so far (and what its caller did next) has finished. */
	async settled(): Promise<void> {
		while (this.#pendingReads.size > 0) await Promise.allSettled([...this.#pendingReads]);
		// One more turn for the code awaiting the last read.
		await Promise.resolve();
	}

	async #readText(path: string): Promise<string> {
		const entry = this.files.get(normalizePath(path));
		if (!entry) throw new Error(`ENOENT: no such file '${path}'`);
		return typeof entry.content === 'string'
			? entry.content
			: new TextDecoder().decode(entry.content);
	}

	async readBytes(path: string): Promise<Uint8Array> {
		const entry = this.files.get(normalizePath(path));
		if (!entry) throw new Error(`ENOENT: no such file '${path}'`);
		return typeof entry.content === 'string'
			? new TextEncoder().encode(entry.content)
			: entry.content;
	}

	async writeFile(path: string, content: string | Uint8Array): Promise<void> {
		if (this.failNextWrite) {
			const error = this.failNextWrite;
			this.failNextWrite = null;
			throw error;
		}
		path = normalizePath(path);
		this.writes.push(path);
		this.#put(path, content);
		this.#emit([{ type: 'change', path, origin: 'workspace' }]);
		if (this.writeGate) await this.writeGate;
	}

	async flush(): Promise<void> {
		if (this.flushGate) await this.flushGate;
	}

	async mkdir(path: string): Promise<void> {
		path = normalizePath(path);
		this.#mkdirs(path);
		this.#emit([{ type: 'mkdir', path, origin: 'workspace' }]);
	}

	async remove(path: string): Promise<void> {
		this.#remove(normalizePath(path), 'workspace');
	}

	async rename(from: string, to: string): Promise<void> {
		from = normalizePath(from);
		to = normalizePath(to);
		if (!this.exists(from)) throw new Error(`ENOENT: no such file or folder '${from}'`);
		if (this.exists(to)) throw new Error(`EEXIST: '${to}' already exists`);
		const changes: WorkspaceChange[] = [{ type: 'remove', path: from, origin: 'workspace' }];
		for (const dir of [...this.dirs]) {
			if (!isWithin(dir, from)) continue;
			this.dirs.delete(dir);
			const target = to + dir.slice(from.length);
			this.dirs.add(target);
			changes.push({ type: 'mkdir', path: target, origin: 'workspace' });
		}
		for (const [file, entry] of [...this.files]) {
			if (!isWithin(file, from)) continue;
			this.files.delete(file);
			const target = to + file.slice(from.length);
			this.files.set(target, entry);
			changes.push({ type: 'change', path: target, origin: 'workspace' });
		}
		this.#mkdirs(dirname(to));
		this.#emit(changes);
	}

	subscribe(listener: WorkspaceListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	get listenerCount(): number {
		return this.#listeners.size;
	}

	/** A process in the runtime wrote a file. */
	runtimeWrite(
		path: string,
		content: string | Uint8Array,
		origin: WorkspaceChangeOrigin = 'runtime'
	): void {
		path = normalizePath(path);
		this.#put(path, content);
		this.#emit([{ type: 'change', path, origin }]);
	}

	/** A process replaced a file by deleting and rewriting it, reported as one batch. */
	runtimeReplace(path: string, content: string | Uint8Array): void {
		path = normalizePath(path);
		this.#put(path, content);
		this.#emit([
			{ type: 'remove', path, origin: 'runtime' },
			{ type: 'change', path, origin: 'runtime' }
		]);
	}

	/** A process in the runtime removed a file or folder. */
	runtimeRemove(path: string): void {
		this.#remove(normalizePath(path), 'runtime');
	}

	#put(path: string, content: string | Uint8Array): void {
		this.#mkdirs(dirname(path));
		this.files.set(path, { content, mtimeMs: this.#clock++ });
	}

	#mkdirs(path: string): void {
		for (let dir = path; dir !== ''; dir = dirname(dir)) this.dirs.add(dir);
	}

	#remove(path: string, origin: WorkspaceChangeOrigin): void {
		if (!this.exists(path)) throw new Error(`ENOENT: no such file or folder '${path}'`);
		for (const dir of [...this.dirs]) if (isWithin(dir, path)) this.dirs.delete(dir);
		for (const file of [...this.files.keys()]) if (isWithin(file, path)) this.files.delete(file);
		this.#emit([{ type: 'remove', path, origin }]);
	}

	#ignored(path: string): boolean {
		const parts = path.split('/');
		if (parts.includes('node_modules') || parts.includes('.git')) return true;
		return [...this.ignoredPaths].some((ignored) => isWithin(path, ignored));
	}

	#emit(changes: WorkspaceChange[]): void {
		this.revision++;
		for (const listener of [...this.#listeners]) listener(changes);
	}
}
