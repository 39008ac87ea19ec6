import type { ProviderError } from './errors';
import type { StreamEvent } from './types';

export interface StreamDriver<Chunk> {
	/** Sends the request; resolves when the response headers arrived. */
	open: () => Promise<AsyncIterable<Chunk>>;
	translate: (chunk: Chunk) => StreamEvent[];
	/** The closing events, or a throw when the stream ended early. */
	finish: () => StreamEvent[];
	toError: (error: unknown) => ProviderError;
	signal?: AbortSignal;
}

/**
 * The part both adapters share: cancellation ends the stream with `stop: aborted` (the
 * SDKs end an aborted stream silently, so the signal is checked at the end too), and any
 * failure becomes a ProviderError marked `afterOutput` once something was yielded.
 */
export async function* driveStream<Chunk>(
	driver: StreamDriver<Chunk>
): AsyncGenerator<StreamEvent, void, undefined> {
	let emitted = false;
	const aborted: StreamEvent = { type: 'stop', reason: 'aborted' };
	try {
		if (driver.signal?.aborted) {
			yield aborted;
			return;
		}
		const chunks = await driver.open();
		// The SDK may still hand over chunks it had buffered before the abort: drop them.
		reading: for await (const chunk of chunks) {
			if (driver.signal?.aborted) break;
			for (const event of driver.translate(chunk)) {
				emitted = true;
				yield event;
				if (driver.signal?.aborted) break reading;
			}
		}
		if (driver.signal?.aborted) {
			yield aborted;
			return;
		}
		for (const event of driver.finish()) {
			emitted = true;
			yield event;
		}
	} catch (error) {
		const mapped = driver.toError(error);
		if (mapped.kind === 'aborted') {
			yield aborted;
			return;
		}
		throw emitted ? mapped.withAfterOutput() : mapped;
	}
}
