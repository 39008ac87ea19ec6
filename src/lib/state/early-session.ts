/**
 * The project's session, opened as the page starts rather than by the IDE. The early reads
 * (early-open.ts) have the files and a runtime seeded from them before SvelteKit has started;
 * the session that takes them in used to be made in the IDE's first mount, after SvelteKit's
 * start, the route's mount and the IDE's own (opening's longest task), so a runtime that was up
 * waited 60–100 ms for anything to use it. Opened here, the workspace and the runtime are
 * attached as soon as their reads and code are in, and the IDE mounts onto an open session.
 *
 * The session's code is the IDE route's own: the page's first script imports the route's module
 * as soon as it has arrived (scripts/project-preloads.mjs), and the route hands over how to make
 * sessions when its code runs (`provideSessions`, page-session.ts). Importing the session from
 * here instead split the route's code in two (tooling/chunk-plan.ts names chunks by who imports
 * them), and anything imported here is bundled into the early reads' small start.
 */
import type { ProjectSession } from './project-session.svelte';
import type { RuntimeRequest } from './runtime-request';

/** Makes the session for a project address's id and query (`?runtime=`). */
type MakeSession = (projectId: string, search: string) => ProjectSession;

interface Wanted {
	readonly projectId: string;
	readonly search: string;
}

/** An unclaimed session is closed after this long: the page went elsewhere. */
const UNCLAIMED_MS = 30_000;
let makeSession: MakeSession | undefined;
let wanted: Wanted | undefined;
let opened: ProjectSession | undefined;
/**
 * The page has its session (takeEarlySession): one asked for but not opened yet is dropped, and
 * one asked for later (the early reads' code arrived late) is not opened: a second session of
 * the project would queue its ownership claim behind the page's.
 */
let pageHasSession = false;

/** Opens the project's session once its code has run (at once if it has). */
export function openEarlySession(projectId: string, search: string): void {
	if (pageHasSession) return;
	wanted = { projectId, search };
	if (makeSession) openWanted(makeSession);
}

/** Called once the session's code has run: opens the session asked for meanwhile. */
export function provideSessions(make: MakeSession): void {
	makeSession = make;
	openWanted(make);
}

/** The early session if it opened this project with this runtime request, once. */
export function takeEarlySession(
	projectId: string,
	request: RuntimeRequest
): ProjectSession | undefined {
	const taken = opened;
	opened = undefined;
	wanted = undefined;
	pageHasSession = true;
	if (taken?.projectId === projectId && taken.request === request) return taken;
	void taken?.dispose();
	return undefined;
}

function openWanted(make: MakeSession): void {
	const want = wanted;
	wanted = undefined;
	if (!want) return;
	const session = make(want.projectId, want.search);
	void session.open(); // takes the early reads at once
	opened = session;
	setTimeout(() => {
		if (opened !== session) return;
		opened = undefined;
		void session.dispose();
	}, UNCLAIMED_MS);
}
