import { dirname, isWithin, normalizePath } from '../runtime';
import { RuntimeFsError, type Runtime } from '../runtime';
import { ChangeFeed, newStep, type Step } from './change-feed';
import { encodeText } from './content';
import { messageOf } from '../errors';
import { FileIndex, toWorkspaceFile } from './file-index';
import { isInsideOpaque } from './gitignore';
import { IndexRecorder } from './index-recorder';
import { Reconciler } from './reconciler';
import { SaveTracker } from './save-tracker';
import { SerialQueue } from './serial-queue';
import { SkippedLinks } from './skipped-links';
import { indexSeed, indexSeedInSlices } from './snapshot-index';
import type {
	WorkspaceApi,
	WorkspaceFile,
	WorkspaceListener,
	WorkspaceNode,
	WorkspacePersistence,
	WorkspaceSeed,
	SkippedEntry
} from './types';
import { WatchEvents } from './watch-events';

export interface OpenWorkspaceOptions {
	projectId: string;
	/**
	 * Where commands run and files live. A promise lets the workspace open before the runtime is
	 * up: reads of indexed text are answered at once, everything else waits for it.
	 */
	runtime: Runtime | Promise<Runtime>;
	/**
	 * What the runtime is (being) seeded with: the index is built from it at once instead of by
	 * walking the runtime, which then only has to attach. Without it the runtime is walked.
	 */
	seed?: WorkspaceSeed;
	/** Indexes `seed` in slices (`ready` says when), before the runtime attaches; else at once. */
	indexInSlices?: boolean;
	/** Where changes are saved; none for a workspace over a real directory (the CLI). */
	persistence?: WorkspacePersistence;
	/**
	 * Told about failures no caller can catch: a change made by a process that could not be read
	 * or saved, a listener that threw. Defaults to console.error.
	 */
	onError?: (error: Error) => void;
}

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
 *
 * This class holds the public surface and the order of things; the work is done by its parts:
 * reconciler.ts (walking, links), index-recorder.ts (index updates), watch-events.ts (process
 * changes), change-feed.ts (notifications) and save-tracker.ts (persistence).
 */
export class Workspace implements WorkspaceApi {
	readonly projectId: string;
	/** Resolves when the index holds the project (built from the seed, or walked in the runtime). */
	readonly ready: Promise<void>;
	/**
	 * Resolves when the runtime is attached (watched, and walked if there was no seed); rejects
	 * with the reason it could not start. Writes wait for it.
	 */
	readonly runtimeReady: Promise<Runtime>;

	#runtime: Runtime | undefined;
	#runtimeFailure: Error | undefined;
	readonly #index = new FileIndex();
	/** Links the walk did not follow (a loop, or out of the project). */
	readonly #skipped = new SkippedLinks();
	readonly #queue = new SerialQueue();
	readonly #feed: ChangeFeed;
	readonly #saver: SaveTracker;
	readonly #recorder: IndexRecorder;
	readonly #reconciler: Reconciler;
	readonly #watch: WatchEvents;
	#disposed = false;

	constructor(options: OpenWorkspaceOptions) {
		this.projectId = options.projectId;
		const onError = options.onError ?? ((error: Error) => console.error(error));
		this.#feed = new ChangeFeed(onError);
		this.#saver = new SaveTracker(options.persistence, onError);
		this.#recorder = new IndexRecorder(this.#index, this.#skipped, this.#saver);
		this.#reconciler = new Reconciler(
			() => this.#attached(),
			this.#index,
			this.#skipped,
			this.#recorder
		);
		this.#watch = new WatchEvents({
			queue: this.#queue,
			reconcile: (path, step) => this.#reconciler.reconcile(path, step),
			emit: (step) => this.#feed.emit(step),
			onError,
			isDisposed: () => this.#disposed
		});
		const seed = options.seed;
		// First in the queue when sliced: the runtime's attach and its watch events come after.
		const indexed =
			seed && options.indexInSlices
				? this.#queue.run(() => this.#restoreInSlices(seed))
				: undefined;
		if (seed && !indexed) this.#restore(seed);
		const runtime = options.runtime;
		if (runtime instanceof Promise) {
			// Next in the queue (after a sliced index): writes and watch events wait for the attach.
			this.runtimeReady = this.#queue.run(() => this.#attach(runtime, !seed));
		} else {
			// Watch before walking: what changes during the walk is queued and reconciled after it.
			this.#runtime = runtime;
			this.#watch.start(runtime);
			this.runtimeReady = seed
				? Promise.resolve(runtime)
				: this.#queue.run(() => this.#load()).then(() => runtime);
		}
		this.ready = seed ? (indexed ?? Promise.resolve()) : this.runtimeReady.then(() => {});
		// Whoever opens the workspace hears of a failure through ready/runtimeReady; this only
		// keeps a failure nobody asked about from being reported as unhandled.
		this.runtimeReady.catch(() => {});
	}

	get revision(): number {
		return this.#feed.revision;
	}

	/** The runtime under the project; throws while it is still starting (see runtimeReady). */
	get runtime(): Runtime {
		return this.#attached();
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
		// Ordered folder by folder, as ripgrep and a tree walk list them: 'a/b' before 'a-b', since
		// a whole-string order would put '-' (and other characters below '/') between a folder's files.
		const key = (path: string) => path.replaceAll('/', '\u0000');
		return [...this.#index.files()]
			.map((file) => ({ file, key: key(file.path) }))
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
			.map(({ file }) => toWorkspaceFile(file));
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
		return (this.#runtime ?? (await this.runtimeReady)).fs.readTextFile(normal);
	}

	async readBytes(path: string): Promise<Uint8Array> {
		return (this.#runtime ?? (await this.runtimeReady)).fs.readFile(normalizePath(path));
	}

	writeFile(path: string, content: string | Uint8Array): Promise<void> {
		return this.#mutate(async (step) => {
			const normal = normalizePath(path);
			if (normal === '') throw new RuntimeFsError('EISDIR', '', 'The project root is a folder.');
			// Our own copy: the caller may reuse its array before the save is written.
			const bytes = typeof content === 'string' ? encodeText(content) : new Uint8Array(content);
			await this.#ensureFolder(dirname(normal), step);
			await this.#attached().fs.writeFile(normal, typeof content === 'string' ? content : bytes);
			if (!isInsideOpaque(normal)) this.#recorder.recordFile(normal, bytes, Date.now(), step);
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
			await this.#attached().fs.rm(normal, { recursive: true, force: known });
			this.#recorder.forget(normal, step);
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
			await this.#attached().fs.rename(source, target);
			// Re-reading the target is simpler than moving index entries, and equally correct:
			// ignore rules may differ at the new place, and nested .gitignore files move with it.
			// The new place is saved before the old one is forgotten: reading it takes more than one
			// tick, so the two reach storage in separate commits, and a crash between them must
			// leave both copies, never neither. (Into a folder above itself, the old place is inside
			// the new one: forgotten first, or it would take the new content with it.)
			const sourceInsideTarget = isWithin(source, target);
			if (sourceInsideTarget) this.#recorder.forget(source, step);
			this.#recorder.forget(target, step, { silent: true });
			await this.#reconciler.reconcile(target, step);
			if (!sourceInsideTarget) this.#recorder.forget(source, step);
		});
	}

	subscribe(listener: WorkspaceListener): () => void {
		return this.#feed.subscribe(listener);
	}

	/**
	 * Resolves when every change so far (including queued watch events) is reconciled, without
	 * waiting for saves or consuming a save failure (flush reports that): for readers of the
	 * index, such as a checkpoint taken right after a command.
	 */
	async idle(): Promise<void> {
		await this.#queue.idle();
	}

	/**
	 * Resolves when every change so far (including queued watch events) is reconciled and saved.
	 * Rejects, once, if a save failed since the last flush: saving must then be reported.
	 */
	async flush(): Promise<void> {
		await this.#queue.idle();
		await this.#saver.settle();
	}

	/**
	 * Moves the project to another runtime (WebContainer starts empty): every indexed folder and
	 * file except node_modules content is copied there, then commands and watch use the new one.
	 * The index stays as it is. The caller disposes the old runtime afterwards.
	 */
	switchRuntime(next: Runtime): Promise<void> {
		return this.#queue.run(async () => {
			this.#assertOpen();
			const previous = this.#attached();
			const dirs = [...this.#index.dirs()].filter((dir) => dir.path !== '' && !dir.opaque);
			for (const dir of dirs) await next.fs.mkdir(dir.path, { recursive: true });
			for (const file of this.#index.files()) {
				const data =
					file.text !== undefined && file.textIsExact
						? file.text
						: await previous.fs.readFile(file.path);
				await next.fs.writeFile(file.path, data);
			}
			this.#watch.stop();
			this.#runtime = next;
			this.#watch.start(next);
		});
	}

	dispose(): void {
		if (this.#disposed) return;
		this.#disposed = true;
		this.#watch.stop();
		this.#feed.close();
	}

	// ---- loading ----

	/** Indexes what the runtime is seeded with: the same picture a walk of it would give. */
	#restore(seed: WorkspaceSeed): void {
		const step = newStep('load', false);
		indexSeed(this.#recorder, seed, step);
		this.#feed.emit(step);
	}

	async #restoreInSlices(seed: WorkspaceSeed): Promise<void> {
		const step = newStep('load', false);
		const whole = await indexSeedInSlices(this.#recorder, seed, step, () => this.#disposed);
		if (whole) this.#feed.emit(step);
	}

	async #attach(pending: Promise<Runtime>, walk: boolean): Promise<Runtime> {
		let runtime: Runtime;
		try {
			runtime = await pending;
		} catch (cause) {
			this.#runtimeFailure = new Error(
				`The project's runtime could not start: ${messageOf(cause)}. Reload the page to try again.`,
				{ cause }
			);
			throw this.#runtimeFailure;
		}
		this.#runtime = runtime;
		// Closed meanwhile: nothing may watch a runtime the caller is about to dispose.
		if (this.#disposed) return runtime;
		this.#watch.start(runtime);
		if (walk) await this.#load();
		return runtime;
	}

	async #load(): Promise<void> {
		const step = newStep('load', false);
		try {
			await this.#reconciler.reconcileDir('', step);
		} catch (cause) {
			throw new Error(
				`Could not read the project's files (${this.#attached().capabilities.label}): ` +
					`${messageOf(cause)}. Reload the page to try again.`,
				{ cause }
			);
		}
		this.#feed.emit(step);
	}

	// ---- writes ----

	/** Creates `path` and missing parents in the runtime (mkdir -p) and indexes them. */
	async #ensureFolder(path: string, step: Step): Promise<void> {
		if (this.#index.isDir(path)) return;
		await this.#attached().fs.mkdir(path, { recursive: true });
		if (isInsideOpaque(path)) return;
		this.#recorder.indexAncestors(path, step);
		this.#recorder.recordDir(path, step);
	}

	// ---- plumbing ----

	#mutate(task: (step: Step) => Promise<void>): Promise<void> {
		return this.#queue.run(async () => {
			this.#assertOpen();
			const step = newStep('workspace', true);
			try {
				await task(step);
			} finally {
				// Whatever happened before a failure (folders created) is real: tell subscribers.
				this.#feed.emit(step);
			}
		});
	}

	/** The attached runtime; an error that says why when there is none (yet). */
	#attached(): Runtime {
		if (this.#runtime) return this.#runtime;
		throw (
			this.#runtimeFailure ??
			new Error('The runtime is still starting. Wait a moment, then try again.')
		);
	}

	#assertOpen(): void {
		if (this.#disposed) {
			throw new Error('This project was closed. Open it again from the project list.');
		}
	}
}
