import { runGrepJob, type GrepJob, type PortableMatches } from './grep-engine';
import { compileSearchPattern } from './regex';
import { messageOf } from '../errors';

/** What the page sends the grep worker, and what it answers. */
export interface GrepWorkerRequest {
	readonly id: number;
	readonly job: GrepJob;
}

export type GrepWorkerResponse =
	| { readonly id: number; readonly ok: true; readonly results: PortableMatches[] }
	| { readonly id: number; readonly ok: false; readonly error: string };

/** The worker's whole job (grep-worker.ts only wires it to messages), testable without a worker. */
export function handleGrepRequest(request: GrepWorkerRequest): GrepWorkerResponse {
	try {
		return { id: request.id, ok: true, results: runGrepJob(request.job, compileSearchPattern) };
	} catch (error) {
		return { id: request.id, ok: false, error: messageOf(error) };
	}
}
