import { markPerf, PERF_MARKS } from '../perf';
import { yieldToEventLoop } from './yield-budget';

/**
 * A fetch that reports every piece of a response body as it arrives, before any parsing: the
 * idle timeout counts bytes, so keep-alives a parser drops (SSE comments, pings) still count.
 */
export function watchedFetch(onBytes: () => void): typeof fetch {
	return async (input, init) => {
		// The fetch starts in a task of its own: the SDK builds the request (and a first request
		// runs its code for the first time) in the task that calls this, and with the fetch's own
		// first-time work that was a task of ~50 ms on a 4× slower CPU. A Stop pressed meanwhile
		// means no request leaves at all (the signal is already aborted).
		await yieldToEventLoop();
		// The model request leaves the page here (first-send latency ends at this mark).
		markPerf(PERF_MARKS.requestSent);
		// Called unbound, as browsers require.
		const response = await globalThis.fetch(input, init);
		if (!response.body) return response;
		const body = response.body.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					onBytes();
					controller.enqueue(chunk);
				}
			})
		);
		return new Response(body, {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers
		});
	};
}
