import { createBrowserRuntime } from '$lib/runtime/browser';
import { markPerf, PERF_MARKS } from '$lib/perf';
import type { PreviewEvent, Runtime, ShellSession } from '$lib/runtime';
import {
	bootWebContainer,
	createWebContainerRuntime,
	probeWebContainerHost,
	webContainerSupport,
	type Reachability,
	type SupportEnv,
	type WebContainerBootFn
} from '$lib/runtime/webcontainer';
import {
	collectCheckpointGarbage,
	getProject,
	loadProjectSnapshot,
	openStorage,
	projectPersistence,
	touchProject,
	ProjectOwnership,
	type OwnershipState,
	type ProjectMeta,
	type ProjectPersistence
} from '$lib/storage';
import { openWorkspace, seedRuntime, type Workspace } from '$lib/workspace';
import type { RuntimeRequest } from './runtime-request';
import { ownedPersistence, takeInStoredPaths } from './tab-sync';
import { saveStatus, type SaveStatus } from './storage';
import {
	loadingStatus,
	offlineStatus,
	webContainerStatus,
	type RuntimeStatusView
} from './runtime-status';
import { messageOf } from '../errors';

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
	/** A URL announced by a dev server inside WebContainer. */
	serverPreviewUrl = $state<string | null>(null);
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

	#bootTimeoutMs: number;
	#webContainer: NonNullable<ProjectSessionOptions['webContainer']>;
	#ownership: ProjectOwnership | null = null;
	#ownershipState: OwnershipState | null = null;
	/** Files another tab saved, taken in one batch at a time and in order. */
	#takingIn: Promise<void> = Promise.resolve();
	#makeOwnership: NonNullable<ProjectSessionOptions['ownership']>;
	#stopPreviewEvents: (() => void) | null = null;
	#disposed = false;
	#persistence: ProjectPersistence | null = null;
	#untrackSaves: (() => void) | null = null;
	#saves: SaveStatus;
	#makePersistence: (projectId: string) => ProjectPersistence;

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

	async open(): Promise<void> {
		try {
			await openStorage();
			const meta = await getProject(this.projectId);
			if (!meta) {
				this.error =
					'This project does not exist in this browser. It may have been deleted, or created in another browser or profile. Go back to your projects to open or create one.';
				return;
			}
			this.meta = meta;
			this.#ownership = this.#makeOwnership({
				projectId: this.projectId,
				onStateChange: (state) => this.#onOwnership(state),
				beforeHandOver: () => this.#beforeHandOver(),
				onFilesSaved: (paths) => this.#takeIn(paths)
			});
			await this.#ownership.start();
			const snapshot = await loadProjectSnapshot(this.projectId);
			const runtime = await createBrowserRuntime({ files: snapshot.files });
			// Empty folders are part of the project too.
			await seedRuntime(runtime, { files: {}, dirs: snapshot.dirs });
			if (this.#disposed) {
				await runtime.dispose();
				return;
			}
			const persistence = this.#makePersistence(this.projectId);
			this.#persistence = persistence;
			this.#untrackSaves = this.#saves.track(persistence);
			const workspace = await openWorkspace({
				projectId: this.projectId,
				runtime,
				persistence: ownedPersistence(persistence, {
					isOwner: () => this.#ownershipState === 'owner',
					onStored: (path) => this.#ownership?.announceSaved([path])
				})
			});
			// Closed while the files were read: dispose() saw no workspace, so nothing else will.
			if (this.#disposed) {
				workspace.dispose();
				await runtime.dispose();
				return;
			}
			this.workspace = workspace;
			this.#useRuntime(runtime);
			markPerf(PERF_MARKS.runtimeReady);
			// Opened: first in the list, with the size just measured (it also heals any drift).
			void touchProject(this.projectId, { bytes: snapshot.bytes }).catch(() => {});
			// What a page closed mid-checkpoint left behind; nothing listed depends on it.
			void collectCheckpointGarbage().catch(() => {});
			if (this.request === 'browser') {
				this.status = offlineStatus('chosen with ?runtime=browser in the URL');
			} else {
				void this.#upgradeToWebContainer();
			}
		} catch (error) {
			this.error = `The project could not be opened: ${messageOf(error)}. Reload the page to try again.`;
		}
	}

	/** Opens a shell on the current runtime (the terminal calls this again after a switch). */
	openShell = (size: { cols: number; rows: number }): Promise<ShellSession> => {
		if (!this.runtime) return Promise.reject(new Error('the project is still loading'));
		return this.runtime.openShell(size);
	};

	async #upgradeToWebContainer(): Promise<void> {
		const { env, boot, probe = () => probeWebContainerHost() } = this.#webContainer;
		const support = webContainerSupport(env);
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
			const container = await bootWebContainer({ timeoutMs: this.#bootTimeoutMs, env, boot });
			if (this.#disposed || !this.workspace) return;
			const next = createWebContainerRuntime(container);
			// One container serves the whole page: a project opened earlier in this tab left its
			// files there, which commands and the agent would otherwise see as this project's.
			await clearProjectFolder(next);
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
		this.serverPreviewUrl = null;
		this.runtime = runtime;
		this.#stopPreviewEvents = runtime.onPreview((event: PreviewEvent) => {
			if (event.type === 'ready') this.serverPreviewUrl = event.url;
			else if (this.serverPreviewUrl?.includes(`:${event.port}`)) this.serverPreviewUrl = null;
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
		if (!workspace) return;
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

async function clearProjectFolder(runtime: Runtime): Promise<void> {
	for (const entry of await runtime.fs.readdir('')) {
		await runtime.fs.rm(entry.name, { recursive: true, force: true });
	}
}
