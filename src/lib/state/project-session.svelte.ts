import { markPerf, PERF_MARKS } from '$lib/perf';
import { timeSlices, whenIdle, yieldToPage } from '$lib/runtime';
import type { PreviewEvent, Runtime, ShellSession } from '$lib/runtime';
import type { Reachability, SupportEnv, WebContainerBootFn } from '$lib/runtime/webcontainer';
import {
	collectCheckpointGarbage,
	projectPersistence,
	recordProjectSize,
	touchProject,
	ProjectOwnership,
	type OwnershipState,
	type ProjectMeta,
	type ProjectPersistence
} from '$lib/storage';
import { hashSeedBytes, Workspace } from '$lib/workspace';
import type { RuntimeRequest } from './runtime-request';
import { ownedPersistence, takeInStoredPaths } from './tab-sync';
import { saveStatus, type SaveStatus } from './storage';
import {
	loadingStatus,
	offlineStatus,
	webContainerStatus,
	type RuntimeStatusView
} from './runtime-status';
import { applyPreviewEvent, type OpenServer } from './open-servers';
import { messageOf } from '../errors';
import { startProjectReads, takeEarlyOpen, type ProjectReads } from './early-open';
import { disposeWhenMade, settleLater } from './pending';

export interface ProjectSessionOptions {
	projectId: string;
	request: RuntimeRequest;
	/** How long WebContainer may take to boot before the offline runtime stays. */
	bootTimeoutMs?: number;
	/** Where this tab counts writes not stored yet (the tab's one SaveStatus by default). */
	saves?: SaveStatus;
	/** Seam for tests: how the project's files are stored (storage's projectPersistence by default). */
	persistence?: (projectId: string) => ProjectPersistence;
	/** Seam for tests: how this tab claims the project (Web Locks and BroadcastChannel by default). */
	ownership?: (options: ConstructorParameters<typeof ProjectOwnership>[0]) => ProjectOwnership;
	/** Seams for tests: the page's globals, WebContainer's boot, and the network probe. */
	webContainer?: {
		env?: SupportEnv & object;
		boot?: WebContainerBootFn;
		probe?: () => Promise<Reachability>;
		/** The preview bridge's text for dev-server pages (default: the built bridge). */
		previewScript?: () => Promise<string>;
	};
}

/**
 * One open project: its files (workspace), the runtime under them, and what the top bar says
 * about that runtime. The page starts on the offline runtime at once, from IndexedDB, and moves
 * to WebContainer in the background where it can boot.
 */
export class ProjectSession {
	readonly projectId: string;
	readonly request: RuntimeRequest;

	meta = $state.raw<ProjectMeta | null>(null);
	workspace = $state.raw<Workspace | null>(null);
	runtime = $state.raw<Runtime | null>(null);
	status = $state.raw<RuntimeStatusView>(loadingStatus);
	/** Counts runtime replacements (offline → WebContainer): the terminal reconnects on each. */
	runtimeSwitches = $state(0);
	/** Dev servers listening in the runtime (WebContainer's server-ready events), newest last. */
	openServers = $state.raw<readonly OpenServer[]>([]);
	/** Set when the project cannot be opened at all: the page shows it instead of the IDE. */
	error = $state<string | null>(null);
	/**
	 * Another tab owns this project: nothing here may change it (editor, tree, chat, terminal)
	 * until the person takes it over. Files that tab saves still arrive here.
	 */
	readOnly = $state(false);
	/**
	 * What the page does when ownership moves: `beforeHandOver` runs while this tab still owns the
	 * project (stop the agent, store drafts), `onOwner` when it owns it again after being read-only.
	 */
	ownershipHooks: { beforeHandOver?: () => Promise<void>; onOwner?: () => Promise<void> } = {};
	/** Where the chat reads its sessions: the newest one is already being read (early-open.ts). */
	chatStore: ProjectReads['chat'] | undefined;

	#bootTimeoutMs: number;
	#webContainer: NonNullable<ProjectSessionOptions['webContainer']>;
	#ownership: ProjectOwnership | null = null;
	#ownershipState: OwnershipState | null = null;
	/** Files another tab saved, taken in one batch at a time and in order. */
	#takingIn: Promise<void> = Promise.resolve();
	#makeOwnership: NonNullable<ProjectSessionOptions['ownership']>;
	#stopPreviewEvents: (() => void) | null = null;
	#disposed = false;
	#opening: Promise<void> | undefined;
	#persistence: ProjectPersistence | null = null;
	#untrackSaves: (() => void) | null = null;
	#saves: SaveStatus;
	#makePersistence: (projectId: string) => ProjectPersistence;
	#files = settleLater<Workspace | null>();
	#runtimeReady = settleLater<Runtime>();
	/** Paths another tab saved before the workspace existed. */
	#missedPaths: string[] = [];

	constructor(options: ProjectSessionOptions) {
		this.projectId = options.projectId;
		this.request = options.request;
		this.#bootTimeoutMs = options.bootTimeoutMs ?? 20_000;
		this.#webContainer = options.webContainer ?? {};
		this.#makeOwnership = options.ownership ?? ((o) => new ProjectOwnership(o));
		this.#saves = options.saves ?? saveStatus();
		this.#makePersistence = options.persistence ?? ((id) => projectPersistence(id));
	}

	/** Asks the tab that owns the project to hand it over, and takes it. */
	async takeOver(): Promise<void> {
		await this.#ownership?.takeOver();
	}

	/**
	 * Opens the project: resolves once its files are in the workspace and the runtime is attached
	 * (or the page shows why not). The workspace is set as soon as the files are read, before the
	 * runtime is up; `filesReady` and `runtimeReady` say when each happens. Opens once: the IDE's
	 * call on a session opened as the page started gets the same promise.
	 */
	open(): Promise<void> {
		return (this.#opening ??= this.#open());
	}

	async #open(): Promise<void> {
		try {
			const workspace = await this.#openFiles();
			if (!workspace) return;
			// Before the files' listeners run (the tree draws): a started runtime waited ~10 ms on them.
			const attached = this.#attachRuntime(workspace);
			this.#announceFiles(workspace);
			await attached;
		} catch (error) {
			this.error = `The project could not be opened: ${messageOf(error)}. Reload the page to try again.`;
		} finally {
			this.#files.resolve(this.workspace);
		}
	}

	/** Resolves with the workspace once the files are in it, or null if the project did not open. */
	get filesReady(): Promise<Workspace | null> {
		return this.#files.promise;
	}

	/** Resolves when the first runtime answers (sending a message waits for it). */
	get runtimeReady(): Promise<Runtime> {
		return this.#runtimeReady.promise;
	}

	/**
	 * Reads what the project needs, all at once: just-bash's download, storage with the project's
	 * record, the ownership claim and the files (started as the page loaded when it opened on this
	 * project: see early-open.ts). Only the claim gates what happens next: the workspace (and with
	 * it anything that could write) exists once this tab knows whether it owns the project, so a
	 * read-only tab never writes.
	 */
	async #openFiles(): Promise<Workspace | null> {
		const reads = takeEarlyOpen(this.projectId) ?? startProjectReads(this.projectId);
		const runtime = reads.runtime;
		this.chatStore = reads.chat;
		this.#ownership = this.#makeOwnership({
			projectId: this.projectId,
			onStateChange: (state) => this.#onOwnership(state),
			beforeHandOver: () => this.#beforeHandOver(),
			onFilesSaved: (paths) => this.#takeIn(paths),
			// The claim asked for as the page started, when it did (early reads).
			...(reads.locks ? { locks: reads.locks } : {})
		});
		const claimed = this.#ownership.start();
		// Saved by other tabs while the early reads ran: taken in once the workspace exists.
		this.#missedPaths.push(...reads.takeSavedSince());
		// Byte files are hashed (in slices) while the claim and the project's record are awaited.
		const hashed = reads.snapshot.then(hashSeedBytes);
		const [meta, seed] = await Promise.all([reads.meta, hashed, claimed]).catch(
			(error: unknown) => {
				void disposeWhenMade(runtime);
				throw error;
			}
		);
		if (!meta || this.#disposed) {
			void disposeWhenMade(runtime);
			if (!meta) {
				this.error =
					'This project does not exist in this browser. It may have been deleted, or created in another browser or profile. Go back to your projects to open or create one.';
			}
			return null;
		}
		this.meta = meta;
		const persistence = (this.#persistence = this.#makePersistence(this.projectId));
		this.#untrackSaves = this.#saves.track(persistence);
		const workspace = new Workspace({
			projectId: this.projectId,
			runtime,
			seed,
			indexInSlices: true,
			persistence: ownedPersistence(persistence, {
				isOwner: () => this.#ownershipState === 'owner',
				onStored: (path) => this.#ownership?.announceSaved([path])
			})
		});
		await workspace.ready; // indexed in slices: 2,000 files were a 60–100 ms task at 4× CPU
		await yieldToPage(); // then drawn in a task of its own (the two were one of 90–220 ms)
		if (this.#disposed) {
			workspace.dispose();
			void disposeWhenMade(runtime);
			return null;
		}
		return workspace;
	}

	#announceFiles(workspace: Workspace): void {
		this.workspace = workspace;
		markPerf(PERF_MARKS.filesReady);
		this.#files.resolve(workspace);
		// Opened: first in the project list now, even if the person leaves before the size is summed.
		void touchProject(this.projectId).catch(() => {});
		// What another tab saved while the files were being read.
		const missed = this.#missedPaths;
		this.#missedPaths = [];
		if (missed.length > 0) this.#takeIn(missed);
	}

	async #attachRuntime(workspace: Workspace): Promise<void> {
		const runtime = await workspace.runtimeReady;
		// Closed while the runtime started: dispose() saw no runtime, so nothing else will free it.
		if (this.#disposed) {
			await runtime.dispose();
			return;
		}
		this.#useRuntime(runtime);
		markPerf(PERF_MARKS.runtimeReady);
		this.#runtimeReady.resolve(runtime);
		// The size just read (it heals drift), once the page settled: summing 30 MB is a long task.
		whenIdle(() => void this.#measureProjectSize(workspace).catch(() => {}), {
			timeoutMs: 2_000,
			fallbackMs: 0
		});
		// What a page closed mid-checkpoint left behind; nothing listed depends on it.
		void collectCheckpointGarbage().catch(() => {});
		if (this.request === 'browser') {
			this.status = offlineStatus('chosen with ?runtime=browser in the URL');
		} else {
			void this.#upgradeToWebContainer();
		}
	}

	/**
	 * Sums the files' sizes in short slices: a text's size is worked out on first use, so the
	 * first sum over a 30 MB project measures every byte, too long for one task.
	 */
	async #measureProjectSize(workspace: Workspace): Promise<void> {
		const pause = timeSlices();
		let bytes = 0;
		for (const file of workspace.allFiles()) {
			if (this.#disposed) return;
			bytes += file.size;
			await pause();
		}
		await recordProjectSize(this.projectId, bytes);
	}

	/** Opens a shell on the current runtime (the terminal calls this again after a switch). */
	openShell = async (size: { cols: number; rows: number }): Promise<ShellSession> => {
		// The terminal mounts at once: its first shell waits for the runtime to start.
		const runtime = this.runtime ?? (await this.runtimeReady);
		return runtime.openShell(size);
	};

	async #upgradeToWebContainer(): Promise<void> {
		const steps = await import('./webcontainer-upgrade').catch(() => null);
		if (this.#disposed) return;
		if (!steps) {
			this.status = offlineStatus(
				'the code that starts WebContainer could not be loaded (offline?); reload to try again'
			);
			return;
		}
		const { env, boot, probe = () => steps.probeWebContainerHost() } = this.#webContainer;
		const support = steps.webContainerSupport(env);
		if (!support.supported) {
			this.status = offlineStatus(support.message);
			return;
		}
		this.status = offlineStatus('checking whether WebContainer can load…', 'upgrading');
		const reachable = await probe();
		if (this.#disposed) return;
		if (!reachable.reachable) {
			this.status = offlineStatus(reachable.message);
			return;
		}
		this.status = offlineStatus('starting WebContainer in the background…', 'upgrading');
		try {
			const booted = await steps.bootWithAdapter({ timeoutMs: this.#bootTimeoutMs, env, boot });
			if (this.#disposed || !this.workspace) return;
			const { container } = booted;
			const next = booted.createRuntime(container);
			const bridgeProblem = await steps.installServerBridge(
				container,
				this.#webContainer.previewScript
			);
			if (bridgeProblem) console.warn(bridgeProblem);
			await steps.clearProjectFolder(next);
			const previous = this.runtime;
			if (!this.#disposed) await this.workspace.switchRuntime(next);
			if (this.#disposed) {
				// dispose() ran meanwhile and released the previous runtime, not this one.
				await next.dispose();
				return;
			}
			this.#useRuntime(next);
			this.status = webContainerStatus();
			await previous?.dispose();
		} catch (error) {
			this.status = offlineStatus(messageOf(error));
		}
	}

	#useRuntime(runtime: Runtime) {
		this.#stopPreviewEvents?.();
		this.openServers = [];
		if (this.runtime) this.runtimeSwitches++;
		this.runtime = runtime;
		this.#stopPreviewEvents = runtime.onPreview((event: PreviewEvent) => {
			this.openServers = applyPreviewEvent(this.openServers, event);
		});
	}

	#onOwnership(state: OwnershipState): void {
		const wasReadOnly = this.#ownershipState === 'read-only';
		this.#ownershipState = state;
		this.readOnly = state !== 'owner';
		if (state === 'owner' && wasReadOnly) {
			// What the other tab saved last must be in before this tab writes anything.
			void this.#takingIn.then(() => this.ownershipHooks.onOwner?.());
		}
	}

	async #beforeHandOver(): Promise<void> {
		await this.ownershipHooks.beforeHandOver?.();
		// Every write so far must be stored (and announced) before the other tab takes over; writes
		// that are failing stay queued here and keep retrying rather than hold the other tab up.
		await this.#flushUnlessFailing().catch(() => {});
	}

	#takeIn(paths: readonly string[]): void {
		const workspace = this.workspace;
		if (!workspace) {
			// The files are still being read: whether the snapshot has these is unknown, so take
			// them in again once the workspace exists (taking in what is already there is a no-op).
			this.#missedPaths.push(...paths);
			return;
		}
		this.#takingIn = this.#takingIn
			.then(() => takeInStoredPaths(workspace, this.projectId, paths))
			.catch((error: unknown) =>
				console.error('Could not take in files saved in another tab', error)
			);
	}

	/**
	 * Closes the project. `storing` is what the page still writes on leaving (drafts): the project
	 * is handed to a waiting tab only after it, so that tab finds everything stored.
	 */
	async dispose(storing?: Promise<unknown>): Promise<void> {
		this.#disposed = true;
		this.#stopPreviewEvents?.();
		try {
			await this.#flushUnlessFailing();
		} finally {
			this.#untrackSaves?.();
			this.workspace?.dispose();
			await this.runtime?.dispose();
			await storing?.catch(() => {});
			this.#ownership?.dispose();
		}
	}

	/**
	 * Waits for every change to be stored, unless writes are failing: those stay queued in this
	 * tab and keep retrying (the save notice counts them), so leaving never hangs on a full disk.
	 */
	async #flushUnlessFailing(): Promise<void> {
		const flushing = this.workspace?.flush();
		if (!flushing) return;
		const persistence = this.#persistence;
		if (!persistence) return flushing;
		let stop = () => {};
		const failing = new Promise<void>((resolve) => {
			stop = persistence.subscribe((state) => state.error && resolve());
			if (persistence.state.error) resolve();
		});
		try {
			await Promise.race([flushing, failing]);
		} finally {
			stop();
		}
	}
}
