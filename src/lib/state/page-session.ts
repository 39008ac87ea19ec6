// The IDE page's session of its project: opened as the page started (early-session.ts) or now.
import { provideSessions, takeEarlySession } from './early-session';
import { ProjectSession } from './project-session.svelte';
import { parseRuntimeRequest, type RuntimeRequest } from './runtime-request';

/** Opens the session the page asked for as it started: the IDE's route calls it as it runs. */
export function openEarlySessionNow(): void {
	provideSessions((projectId, search) => {
		const request = parseRuntimeRequest(new URLSearchParams(search));
		return new ProjectSession({ projectId, request });
	});
}

/** The session opened as the page started, when it is this project's; otherwise a new one. */
export function pageSession(projectId: string, request: RuntimeRequest): ProjectSession {
	return takeEarlySession(projectId, request) ?? new ProjectSession({ projectId, request });
}
