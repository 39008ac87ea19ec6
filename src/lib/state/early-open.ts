/**
 * Opening a project starts before the IDE's code has loaded. The page's first script
 * (hooks.client.ts) sees a /project/<id> address and starts what opening it needs: just-bash's
 * download, storage, the project's record and its files, and the offline runtime seeded from
 * them. The ProjectSession then takes these instead of starting them after the IDE has mounted,
 * which is hundreds of milliseconds later (the route's code, then the whole component tree).
 */
import { createBrowserRuntime, preloadBrowserRuntime } from '$lib/runtime/browser';
import type { Runtime } from '$lib/runtime';
import { prefetchNewestChat } from './chat/newest-chat-prefetch';
import type { ChatSessionStore } from './chat/session-store';
import { TREE_COLLATION } from './tree-collation';
import {
	getProject,
	listenForSavedFiles,
	loadProjectSnapshot,
	openStorage,
	preclaimProject,
	type PreclaimedLocks,
	type ProjectMeta,
	type ProjectSnapshot
} from '$lib/storage';

/** What opening one project reads and starts, all at once. */
export interface ProjectReads {
	readonly snapshot: Promise<ProjectSnapshot>;
	readonly meta: Promise<ProjectMeta | undefined>;
	/** The offline runtime, seeded from `snapshot` as soon as it is read. */
	readonly runtime: Promise<Runtime>;
	/** The chat's storage, with the newest chat's reads already started. */
	readonly chat: ChatSessionStore;
	/** Paths other tabs saved since the reads started; stops listening. Empty when never listened. */
	takeSavedSince(): readonly string[];
	/**
	 * The project's ownership lock, asked for as the page started (early reads only): the
	 * session's ProjectOwnership claims through it and finds the answer already in.
	 */
	readonly locks?: PreclaimedLocks;
}

/** Starts the reads now (the session does this itself when nothing was started early). */
export function startProjectReads(projectId: string): ProjectReads {
	// The largest download of all, and needed only after storage answers: start it first.
	void preloadBrowserRuntime().catch(() => {});
	const snapshot = loadProjectSnapshot(projectId);
	const meta = openStorage().then(() => getProject(projectId));
	const runtime = snapshot.then((read) =>
		createBrowserRuntime({ files: read.files, dirs: read.dirs, mtimes: read.mtimes })
	);
	// Not read yet may mean not awaited yet: nothing here may become an unhandled rejection, since
	// the session that takes these awaits them and reports what failed.
	for (const read of [snapshot, meta, runtime]) read.catch(() => {});
	const chat = prefetchNewestChat(projectId);
	return { snapshot, meta, runtime, chat, takeSavedSince: () => [] };
}

/** Unclaimed early reads are freed after this long: the page went elsewhere. */
const UNCLAIMED_MS = 30_000;
let early: { projectId: string; reads: ProjectReads } | undefined;

/**
 * Called once as the page starts: if its address opens a project, starts reading it and returns
 * the project's id. Saves made by other tabs meanwhile are heard, so the session takes them in
 * like any later save.
 */
export function startEarlyOpen(pathname: string): string | undefined {
	const projectId = projectIdOf(pathname);
	if (!projectId || early) return undefined;
	const saved: string[] = [];
	const stopListening = listenForSavedFiles(projectId, (paths) => saved.push(...paths));
	const locks = preclaimProject(projectId);
	const reads: ProjectReads = {
		...startProjectReads(projectId),
		...(locks ? { locks } : {}),
		takeSavedSince() {
			stopListening();
			return saved.splice(0);
		}
	};
	early = { projectId, reads };
	warmCollation();
	setTimeout(() => {
		if (early?.reads === reads) free(takeEarly());
	}, UNCLAIMED_MS);
	return projectId;
}

/**
 * The file tree orders names with an Intl.Collator (workspace/file-index.ts compareNames). The
 * first one a page makes loads ICU's collation data, 12–15 ms here, which fell in the IDE's first
 * mount. ICU keeps that data for the whole renderer process, so a worker's first collator makes
 * the tree's cost ~0 ms without the page's main thread paying for it: while a project opens, that
 * thread is the busiest part of the machine. Where a worker cannot start, the collator is made in
 * a task of its own on the main thread, before the IDE mounts.
 */
function warmCollation(): void {
	const onMainThread = () =>
		setTimeout(() => new Intl.Collator(undefined, TREE_COLLATION).compare('a', 'b'));
	if (typeof Worker === 'undefined') {
		onMainThread();
		return;
	}
	try {
		const worker = new Worker(new URL('./collation-warmup.worker.ts', import.meta.url), {
			type: 'module',
			name: 'kiln-collation-warmup'
		});
		worker.onmessage = () => worker.terminate();
		worker.onerror = () => {
			worker.terminate();
			onMainThread();
		};
	} catch {
		onMainThread();
	}
}

/**
 * Settles once the early reads have the project's record and its files (failed too), or at once
 * when none were started; the IDE's start waits for it on a fast line (hooks.client.ts).
 */
export function earlyFilesRead(): Promise<void> {
	if (!early) return Promise.resolve();
	const { snapshot, meta } = early.reads;
	return Promise.all([snapshot, meta]).then(
		() => {},
		() => {}
	);
}

/** The early reads for `projectId`, once: a later session (a reopen) reads again. */
export function takeEarlyOpen(projectId: string): ProjectReads | undefined {
	const taken = takeEarly();
	if (taken?.projectId === projectId) return taken.reads;
	free(taken);
	return undefined;
}

function takeEarly(): typeof early {
	const taken = early;
	early = undefined;
	return taken;
}

function free(unclaimed: typeof early): void {
	if (!unclaimed) return;
	unclaimed.reads.takeSavedSince();
	unclaimed.reads.locks?.abandon();
	void unclaimed.reads.runtime.then((runtime) => runtime.dispose()).catch(() => {});
}

function projectIdOf(pathname: string): string | undefined {
	const segment = /^\/project\/([^/]+)\/?$/.exec(pathname)?.[1];
	try {
		return segment === undefined ? undefined : decodeURIComponent(segment);
	} catch {
		return undefined; // a malformed address: the route says what is wrong
	}
}
