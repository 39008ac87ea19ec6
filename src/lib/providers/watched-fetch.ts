import { markPerf, PERF_MARKS } from '../perf';

/**
 * A fetch that reports every piece of a response body as it arrives, before any parsing: the
 * idle timeout counts bytes, so keep-alives a parser drops (SSE comments, pings) still count.
 */
export function watchedFetch(onBytes: () => void): typeof fetch {
	return async (input, init) => {
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
