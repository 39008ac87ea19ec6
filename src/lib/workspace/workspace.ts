import { basename, dirname, isWithin, normalizePath } from '../runtime/paths';
import {
	isFsError,
	RuntimeFsError,
	type DirEntry,
	type FsEvent,
	type LinkInfo,
	type Runtime
} from '../runtime/types';
import { describeContent, encodeText } from './content';
import { FileIndex, toWorkspaceFile, type DirEntryNode, type FileEntryNode } from './file-index';
import { GITIGNORE, GitignoreRules, isInsideOpaque, isOpaqueName } from './gitignore';
import { SerialQueue } from './serial-queue';
import { joinReal, realChain, refusalReason, SkippedLinks } from './skipped-links';
import type {
	WorkspaceApi,
	WorkspaceChange,
	WorkspaceChangeOrigin,
	WorkspaceFile,
	WorkspaceListener,
	WorkspaceNode,
	WorkspacePersistence,
	SkippedEntry
} from './types';

export interface OpenWorkspaceOptions {
	projectId: string;
	runtime: Runtime;
	/** Where changes are saved; none for a workspace over a real directory (the CLI). */
	persistence?: WorkspacePersistence;
	/**
	 * Told about failures no caller can catch: a change made by a process that could not be read
	 * or saved, a listener that threw. Defaults to console.error.
	 */
	onError?: (error: Error) => void;
}

/** What one step (a write, a batch of watch events, the first walk) changed and how to save it. */
interface Step {
	readonly origin: WorkspaceChangeOrigin;
	readonly changes: WorkspaceChange[];
	/** The first walk reads what storage already holds: it saves nothing. */
	readonly persist: boolean;
}

type Probe =
	| { kind: 'missing' }
	| { kind: 'dir'; link?: LinkInfo }
	| { kind: 'file'; bytes: Uint8Array; mtimeMs: number }
	| { kind: 'skipped'; reason: SkippedEntry['reason'] };

export async function openWorkspace(options: OpenWorkspaceOptions): Promise<Workspace> {
	const workspace = new Workspace(options);
	await workspace.ready;
	return workspace;
}

/**
 * The project as the app sees it. Every write goes through the runtime first and then into the
 * index, so the index never claims what the runtime does not have. Changes made by processes
 * arrive through watch and are reconciled: the path is read again and compared with the index,
 * which makes the workspace's own writes (already in the index) produce no second notification,
 * and makes duplicate or late events harmless. Writes and reconciliation run one at a time.
 */
export class Workspace implements WorkspaceApi {
	readonly projectId: string;
	/** Resolves when the first walk of the runtime's files is done. */
	readonly ready: Promise<void>;

	#runtime: Runtime;
	#revision = 0;
	readonly #persistence: WorkspacePersistence | undefined;
	readonly #onError: (error: Error) => void;
	readonly #index = new FileIndex();
	/** Links the walk did not follow (a loop, or out of the project). */
	readonly #skipped = new SkippedLinks();
	readonly #gitignore = new GitignoreRules();
	readonly #queue = new SerialQueue();
	readonly #listeners = new Set<WorkspaceListener>();
	readonly #saving = new Set<Promise<void>>();
	#saveError: Error | undefined;
	#pendingEvents: FsEvent[] = [];
	#unwatch: () => void;
	#disposed = false;

	constructor(options: OpenWorkspaceOptions) {
		this.projectId = options.projectId;
		this.#runtime = options.runtime;
		this.#persistence = options.persistence;
		this.#onError = options.onError ?? ((error) => console.error(error));
		// Watch before walking: what changes during the walk is queued and reconciled after it.
		this.#unwatch = this.#watch(this.#runtime);
		this.ready = this.#queue.run(() => this.#load());
	}

	get revision(): number {
		return this.#revision;
	}

	get runtime(): Runtime {
		return this.#runtime;
	}

	exists(path: string): boolean {
		return this.#index.get(normalizePath(path)) !== undefined;
	}

	isDirectory(path: string): boolean {
		return this.#index.isDir(normalizePath(path));
	}

	getFile(path: string): WorkspaceFile | undefined {
		const node = this.#index.get(normalizePath(path));
		return node?.type === 'file' ? toWorkspaceFile(node) : undefined;
	}

	listDir(path: string): WorkspaceNode[] {
		return this.#index.list(normalizePath(path));
	}

	allFiles(): WorkspaceFile[] {
		return [...this.#index.files()]
			.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
			.map(toWorkspaceFile);
	}

	/**
	 * Symbolic links the index leaves out: loops (a link back to a folder above it) and links
	 * leading outside the project. Search and listings mention them rather than go silent.
	 */
	skippedEntries(): SkippedEntry[] {
		return this.#skipped.list();
	}

	/** The indexed text of a text file, without a round trip to the runtime (for search). */
	peekText(path: string): string | undefined {
		const node = this.#index.get(normalizePath(path));
		return node?.type === 'file' ? node.text : undefined;
	}

	async readText(path: string): Promise<string> {
		const normal = normalizePath(path);
		const node = this.#index.get(normal);
		if (node?.type === 'file' && node.text !== undefined) return node.text;
		// Not indexed (node_modules, a file that just appeared) or binary: ask the runtime.
		return this.#runtime.fs.readTextFile(normal);
	}

	readBytes(path: string): Promise<Uint8Array> {
		return this.#runtime.fs.readFile(normalizePath(path));
	}

	writeFile(path: string, content: string | Uint8Array): Promise<void> {
		return this.#mutate(async (step) => {
			const normal = normalizePath(path);
			if (normal === '') throw new RuntimeFsError('EISDIR', '', 'The project root is a folder.');
			// Our own copy: the caller may reuse its array before the save is written.
			const bytes = typeof content === 'string' ? encodeText(content) : new Uint8Array(content);
			await this.#ensureFolder(dirname(normal), step);
			await this.#runtime.fs.writeFile(normal, typeof content === 'string' ? content : bytes);
			if (!isInsideOpaque(normal)) this.#recordFile(normal, bytes, Date.now(), step);
		});
	}

	mkdir(path: string): Promise<void> {
		return this.#mutate(async (step) => {
			await this.#ensureFolder(normalizePath(path), step);
		});
	}

	remove(path: string): Promise<void> {
		return this.#mutate(async (step) => {
			const normal = normalizePath(path);
			if (normal === '') {
				throw new RuntimeFsError(
					'EINVAL',
					'',
					'The project folder itself cannot be removed; remove the files in it instead.'
				);
			}
			// Gone from the runtime already (a process removed it first): still drop it here.
			const known = this.#index.get(normal) !== undefined;
			await this.#runtime.fs.rm(normal, { recursive: true, force: known });
			this.#forget(normal, step);
		});
	}

	rename(from: string, to: string): Promise<void> {
		return this.#mutate(async (step) => {
			const source = normalizePath(from);
			const target = normalizePath(to);
			if (source === target) return;
			if (source === '' || isWithin(target, source)) {
				throw new RuntimeFsError(
					'EINVAL',
					to,
					`Cannot move '${from}' into itself ('${to}'). Choose a place outside it.`
				);
			}
			await this.#ensureFolder(dirname(target), step);
			await this.#runtime.fs.rename(source, target);
			// Re-reading the target is simpler than moving index entries, and equally correct:
			// ignore rules may differ at the new place, and nested .gitignore files move with it.
			this.#forget(source, step);
			this.#forget(target, step, { silent: true });
			await this.#reconcile(target, step);
		});
	}

	subscribe(listener: WorkspaceListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * Resolves when every change so far (including queued watch events) is reconciled and saved.
	 * Rejects, once, if a save failed since the last flush: saving must then be reported.
	 */
	async flush(): Promise<void> {
		await this.#queue.idle();
		await Promise.all(this.#saving);
		const error = this.#saveError;
		this.#saveError = undefined;
		if (error) throw error;
	}

	/**
	 * Moves the project to another runtime (WebContainer starts empty): every indexed folder and
	 * file except node_modules content is copied there, then commands and watch use the new one.
	 * The index stays as it is. The caller disposes the old runtime afterwards.
	 */
	switchRuntime(next: Runtime): Promise<void> {
		return this.#queue.run(async () => {
			this.#assertOpen();
			const previous = this.#runtime;
			const dirs = [...this.#index.dirs()].filter((dir) => dir.path !== '' && !dir.opaque);
			for (const dir of dirs) await next.fs.mkdir(dir.path, { recursive: true });
			for (const file of this.#index.files()) {
				const data =
					file.text !== undefined && file.textIsExact
						? file.text
						: await previous.fs.readFile(file.path);
				await next.fs.writeFile(file.path, data);
			}
			this.#unwatch();
			this.#pendingEvents = [];
			this.#runtime = next;
			this.#unwatch = this.#watch(next);
		});
	}

	dispose(): void {
		if (this.#disposed) return;
		this.#disposed = true;
		this.#unwatch();
		this.#listeners.clear();
		this.#pendingEvents = [];
	}

	// ---- loading and watching ----

	async #load(): Promise<void> {
		const step: Step = { origin: 'load', changes: [], persist: false };
		try {
			await this.#reconcileDir('', step);
		} catch (cause) {
			throw new Error(
				`Could not read the project's files (${this.#runtime.capabilities.label}): ` +
					`${describe(cause)}. Reload the page to try again.`,
				{ cause }
			);
		}
		this.#emit(step);
	}

	#watch(runtime: Runtime): () => void {
		return runtime.fs.watch((events) => {
			if (this.#disposed) return;
			const wasIdle = this.#pendingEvents.length === 0;
			this.#pendingEvents.push(...events);
			if (wasIdle) void this.#queue.run(() => this.#applyWatchEvents());
		});
	}

	async #applyWatchEvents(): Promise<void> {
		const events = this.#pendingEvents;
		this.#pendingEvents = [];
		if (this.#disposed || events.length === 0) return;
		const paths = new Set<string>();
		for (const event of events) {
			try {
				paths.add(normalizePath(event.path));
			} catch {
				// An event outside the project is nothing the workspace shows.
			}
		}
		const step: Step = { origin: 'runtime', changes: [], persist: true };
		const done: string[] = [];
		for (const path of [...paths].sort()) {
			// A folder that was just walked already covers everything below it.
			if (done.some((walked) => isWithin(path, walked))) continue;
			try {
				if ((await this.#reconcile(path, step)) === 'dir') done.push(path);
			} catch (cause) {
				this.#onError(
					new Error(
						`Could not read '${path}' after a command changed it: ${describe(cause)}. ` +
							'The file tree may be out of date until the file changes again.',
						{ cause }
					)
				);
			}
		}
		this.#emit(step);
	}

	// ---- reconciliation: make the index match what the runtime has ----

	async #reconcile(path: string, step: Step): Promise<Probe['kind']> {
		if (path === '') {
			await this.#reconcileDir('', step);
			return 'dir';
		}
		if (isInsideOpaque(path)) {
			// Runtimes that report only leaves would otherwise never show node_modules itself.
			const root = opaqueRoot(path);
			if (!this.#index.get(root)) await this.#reconcile(root, step);
			return 'missing';
		}
		const found = await this.#probe(path);
		const existing = this.#index.get(path);
		if (found.kind === 'skipped') {
			if (existing) this.#forget(path, step);
			this.#skipped.skip(path, found.reason);
			return 'missing';
		}
		this.#skipped.delete(path);
		if (found.kind === 'missing') {
			if (existing) this.#forget(path, step);
			return 'missing';
		}
		this.#indexAncestors(path, step);
		if (found.kind === 'file') {
			if (existing?.type === 'directory') this.#forget(path, step, { silent: true });
			this.#recordFile(path, found.bytes, found.mtimeMs, step);
			return 'file';
		}
		const chain = this.#realChain(dirname(path));
		const real = found.link ? found.link.target : joinReal(chain.at(-1)!, basename(path));
		if (real === undefined || chain.includes(real)) {
			if (existing) this.#forget(path, step);
			this.#skipped.skip(path, real === undefined ? 'outside' : 'loop', real);
			return 'missing';
		}
		if (existing?.type === 'file') this.#forget(path, step, { silent: true });
		const dir = this.#recordDir(path, step, real);
		if (!dir.opaque) await this.#reconcileDir(path, step, [...chain, real]);
		return 'dir';
	}

	/** The real paths of `path` and the folders above it (see skipped-links.ts). */
	#realChain(path: string): string[] {
		return realChain(path, (dir) => {
			const node = this.#index.get(dir);
			return node?.type === 'directory' ? node.realPath : undefined;
		});
	}

	async #reconcileDir(path: string, step: Step, chain = this.#realChain(path)): Promise<void> {
		let entries;
		try {
			entries = await this.#runtime.fs.readdir(path);
		} catch (error) {
			if (path !== '' && (isFsError(error, 'ENOENT') || isFsError(error, 'ENOTDIR'))) {
				this.#forget(path, step);
				return;
			}
			throw error;
		}
		const prefix = path === '' ? '' : path + '/';
		const present = new Set(entries.map((entry) => prefix + entry.name));
		for (const child of this.#index.childPaths(path)) {
			if (!present.has(child)) this.#forget(child, step);
		}
		this.#skipped.keepChildren(path, present);
		entries = entries.filter((entry) => this.#followable(prefix + entry.name, entry, chain, step));
		// The folder's own .gitignore first, so its siblings get the right ignored flag.
		const gitignore = entries.find((entry) => entry.name === GITIGNORE && entry.type === 'file');
		if (gitignore) await this.#reconcileEntry(prefix + GITIGNORE, gitignore, chain, step);
		await Promise.all(
			entries
				.filter((entry) => entry !== gitignore)
				.map((entry) => this.#reconcileEntry(prefix + entry.name, entry, chain, step))
		);
	}

	/**
	 * False for a link the walk must not follow (a loop back to a folder on `chain`, or a link out
	 * of the project): it is dropped from the index and remembered with the reason.
	 */
	#followable(path: string, entry: DirEntry, chain: readonly string[], step: Step): boolean {
		if (!entry.link) return true;
		const target = entry.link.target;
		const loops = entry.type === 'directory' && target !== undefined && chain.includes(target);
		if (target !== undefined && !loops) {
			this.#skipped.delete(path);
			return true;
		}
		if (this.#index.get(path)) this.#forget(path, step);
		this.#skipped.skip(path, target === undefined ? 'outside' : 'loop', target);
		return false;
	}

	async #reconcileEntry(
		path: string,
		entry: DirEntry,
		chain: readonly string[],
		step: Step
	): Promise<void> {
		const existing = this.#index.get(path);
		if (existing && existing.type !== entry.type) this.#forget(path, step, { silent: true });
		if (entry.type === 'directory') {
			const real = entry.link?.target ?? joinReal(chain.at(-1)!, entry.name);
			const dir = this.#recordDir(path, step, real);
			if (!dir.opaque) await this.#reconcileDir(path, step, [...chain, real]);
			return;
		}
		const found = await this.#readFile(path);
		if (found.kind === 'file') this.#recordFile(path, found.bytes, found.mtimeMs, step);
		else if (found.kind === 'skipped') {
			if (existing) this.#forget(path, step);
			this.#skipped.skip(path, found.reason);
		} else if (found.kind === 'missing' && existing) this.#forget(path, step);
	}

	/** What is at `path` now. Without stat, reading tells a file from a folder. */
	async #probe(path: string): Promise<Probe> {
		const fs = this.#runtime.fs;
		if (fs.stat) {
			try {
				const info = await fs.stat(path);
				if (info.type === 'directory') return { kind: 'dir', link: info.link };
			} catch (error) {
				if (isGone(error)) return { kind: 'missing' };
				const reason = refusalReason(error);
				if (reason) return { kind: 'skipped', reason };
				throw error;
			}
			return this.#readFile(path);
		}
		try {
			return { kind: 'file', bytes: await fs.readFile(path), mtimeMs: Date.now() };
		} catch (error) {
			if (isGone(error)) return { kind: 'missing' };
			try {
				await fs.readdir(path);
				return { kind: 'dir' };
			} catch (second) {
				if (isGone(second)) return { kind: 'missing' };
				throw error;
			}
		}
	}

	async #readFile(path: string): Promise<Probe> {
		const fs = this.#runtime.fs;
		try {
			const [bytes, stat] = await Promise.all([fs.readFile(path), fs.stat?.(path)]);
			return { kind: 'file', bytes, mtimeMs: stat?.mtimeMs ?? Date.now() };
		} catch (error) {
			if (isGone(error)) return { kind: 'missing' };
			const reason = refusalReason(error);
			if (reason) return { kind: 'skipped', reason };
			if (isFsError(error, 'EISDIR')) return { kind: 'dir' };
			throw error;
		}
	}

	// ---- index updates (each records its change and its save) ----

	/** Creates `path` and missing parents in the runtime (mkdir -p) and indexes them. */
	async #ensureFolder(path: string, step: Step): Promise<void> {
		if (this.#index.isDir(path)) return;
		await this.#runtime.fs.mkdir(path, { recursive: true });
		if (isInsideOpaque(path)) return;
		this.#indexAncestors(path, step);
		this.#recordDir(path, step);
	}

	/** Indexes the parents of a path that exists in the runtime (some runtimes report only leaves). */
	#indexAncestors(path: string, step: Step): void {
		const parts = path.split('/');
		for (let depth = 1; depth < parts.length; depth++) {
			this.#recordDir(parts.slice(0, depth).join('/'), step);
		}
	}

	#recordDir(path: string, step: Step, real?: string): DirEntryNode {
		const existing = this.#index.get(path);
		if (existing?.type === 'directory') {
			if (real !== undefined) existing.realPath = real === path ? undefined : real;
			return existing;
		}
		const node: DirEntryNode = {
			type: 'directory',
			path,
			...(real !== undefined && real !== path ? { realPath: real } : {}),
			opaque: isOpaqueName(path),
			ignored: this.#isIgnored(path, 'directory')
		};
		this.#index.set(node);
		step.changes.push({ type: 'mkdir', path, origin: step.origin });
		if (!node.opaque) this.#save(step, (persistence) => persistence.putDir(path));
		return node;
	}

	#recordFile(path: string, bytes: Uint8Array, mtimeMs: number, step: Step): void {
		const existing = this.#index.get(path);
		const info = describeContent(bytes);
		if (existing?.type === 'file' && existing.hash === info.hash && existing.size === info.size) {
			// Same bytes: our own write coming back through watch, or a touch. Nothing to tell.
			existing.mtimeMs = mtimeMs;
			return;
		}
		const node: FileEntryNode = {
			type: 'file',
			path,
			ignored: this.#isIgnored(path, 'file'),
			size: info.size,
			mtimeMs,
			hash: info.hash,
			binary: info.binary,
			text: info.text,
			textIsExact: info.textIsExact
		};
		this.#index.set(node);
		step.changes.push({ type: 'change', path, origin: step.origin });
		const data = info.text !== undefined && info.textIsExact ? info.text : bytes;
		this.#save(step, (persistence) => persistence.putFile(path, data, mtimeMs));
		if (basename(path) === GITIGNORE) {
			this.#gitignore.set(dirname(path), info.text ?? '');
			this.#refreshIgnored(dirname(path));
		}
	}

	/** Drops `path` and its subtree from the index (and from storage). */
	#forget(path: string, step: Step, { silent = false } = {}): void {
		this.#skipped.deleteWithin(path);
		if (!this.#index.get(path)) return;
		const removed = this.#index.delete(path);
		if (!silent) step.changes.push({ type: 'remove', path, origin: step.origin });
		this.#save(step, (persistence) => persistence.deleteTree(path));
		const lostRules = removed.some(
			(node) => node.type === 'file' && basename(node.path) === GITIGNORE
		);
		if (lostRules) {
			this.#gitignore.deleteWithin(path);
			if (basename(path) === GITIGNORE) this.#gitignore.delete(dirname(path));
			this.#refreshIgnored(dirname(path));
		}
	}

	#isIgnored(path: string, type: 'file' | 'directory'): boolean {
		if (isOpaqueName(path)) return true;
		if (this.#index.get(dirname(path))?.ignored) return true;
		return this.#gitignore.matches(path, type);
	}

	/** Recomputes the ignored flag below `dir` after its rules changed (parents before children). */
	#refreshIgnored(dir: string): void {
		for (const node of this.#index.subtree(dir)) {
			if (node.path !== '') node.ignored = this.#isIgnored(node.path, node.type);
		}
	}

	// ---- plumbing ----

	#mutate(task: (step: Step) => Promise<void>): Promise<void> {
		return this.#queue.run(async () => {
			this.#assertOpen();
			const step: Step = { origin: 'workspace', changes: [], persist: true };
			try {
				await task(step);
			} finally {
				// Whatever happened before a failure (folders created) is real: tell subscribers.
				this.#emit(step);
			}
		});
	}

	#save(step: Step, write: (persistence: WorkspacePersistence) => Promise<void>): void {
		if (!step.persist || !this.#persistence) return;
		const saving = write(this.#persistence).catch((error: unknown) => {
			const wrapped = error instanceof Error ? error : new Error(String(error));
			this.#saveError ??= wrapped;
			this.#onError(wrapped);
		});
		this.#saving.add(saving);
		void saving.finally(() => this.#saving.delete(saving));
	}

	#emit(step: Step): void {
		if (step.changes.length === 0 || this.#disposed) return;
		this.#revision++;
		const batch = Object.freeze([...step.changes]);
		for (const listener of [...this.#listeners]) {
			try {
				listener(batch);
			} catch (error) {
				this.#onError(error instanceof Error ? error : new Error(String(error)));
			}
		}
	}

	#assertOpen(): void {
		if (this.#disposed) {
			throw new Error('This project was closed. Open it again from the project list.');
		}
	}
}

/** `a/node_modules` for `a/node_modules/b/c`. */
function opaqueRoot(path: string): string {
	const parts = path.split('/');
	const index = parts.findIndex((part, i) => i < parts.length - 1 && isOpaqueName(part));
	return parts.slice(0, index + 1).join('/');
}

function isGone(error: unknown): boolean {
	return isFsError(error, 'ENOENT') || isFsError(error, 'ENOTDIR');
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
