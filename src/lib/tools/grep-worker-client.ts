import type { GrepJob, PortableMatches } from './grep-engine';
import type { GrepWorkerRequest, GrepWorkerResponse } from './grep-worker-protocol';
import { throwIfAborted, ToolError } from './tool-error';

/** Above either, the in-browser search runs in a worker, so a large project's grep does not freeze the page. */
export const WORKER_MIN_FILES = 2000;
export const WORKER_MIN_CHARS = 8_000_000;

/** The part of a Worker the client uses (tests pass a double running the handler in-process). */
export interface GrepWorkerLike {
	postMessage(message: GrepWorkerRequest): void;
	addEventListener(type: 'message', listener: (event: { data: GrepWorkerResponse }) => void): void;
	addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
	terminate(): void;
}

export type GrepWorkerFactory = () => GrepWorkerLike | undefined;

/** A module worker where the platform has them (the browser); none in Node (the CLI, tests). */
export const defaultGrepWorker: GrepWorkerFactory = () =>
	typeof Worker === 'undefined'
		? undefined
		: (new Worker(new URL('./grep-worker.ts', import.meta.url), {
				type: 'module',
				name: 'kiln-grep'
			}) as unknown as GrepWorkerLike);

export function wantsWorker(files: number, chars: number): boolean {
	return files >= WORKER_MIN_FILES || chars >= WORKER_MIN_CHARS;
}

let nextId = 1;

/**
 * Runs a job in a fresh worker (ended afterwards, or on Stop); undefined when no worker can be
 * started, so the caller searches in-thread.
 */
export async function searchInWorker(
	job: GrepJob,
	signal: AbortSignal,
	create: GrepWorkerFactory = defaultGrepWorker
): Promise<PortableMatches[] | undefined> {
	let worker: GrepWorkerLike | undefined;
	try {
		worker = create();
	} catch {
		return undefined;
	}
	if (!worker) return undefined;
	const id = nextId++;
	const started = worker;
	try {
		const response = await new Promise<GrepWorkerResponse | undefined>((resolve) => {
			started.addEventListener('message', (event) => {
				if (event.data.id === id) resolve(event.data);
			});
			// A worker that fails to load: search in-thread instead.
			started.addEventListener('error', () => resolve(undefined));
			signal.addEventListener('abort', () => resolve(undefined), { once: true });
			started.postMessage({ id, job });
		});
		throwIfAborted(signal);
		if (response === undefined) return undefined;
		if (!response.ok) throw new ToolError(response.error);
		return response.results;
	} finally {
		started.terminate();
	}
}
