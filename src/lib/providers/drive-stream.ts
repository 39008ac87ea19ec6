import { idleTimeoutError } from './errors';
import type { ProviderError } from './provider-error';
import type { IdleTimeout, ProviderId, StreamEvent } from './types';
import { DEFAULT_YIELD_AFTER_MS, YieldBudget } from './yield-budget';

/** Where a failure struck: before the response headers arrived, or while the body streamed. */
export type StreamPhase = 'connect' | 'stream';

/**
 * No bytes for a minute means a stalled connection (a real stream sends pings); a model that is
 * thinking may stay silent much longer.
 */
export const DEFAULT_IDLE_TIMEOUT: IdleTimeout = { ms: 60_000, thinkingMs: 300_000 };

export interface StreamDriver<Chunk> {
	provider: ProviderId;
	/**
	 * Sends the request; resolves when the response headers arrived. `onBytes` is to be called
	 * whenever body bytes arrive (watchedFetch), parsed or not.
	 */
	open: (signal: AbortSignal, onBytes: () => void) => Promise<AsyncIterable<Chunk>>;
	translate: (chunk: Chunk) => StreamEvent[];
	/** The closing events, or a throw when the stream ended early. */
	finish: () => StreamEvent[];
	toError: (error: unknown, phase: StreamPhase) => ProviderError;
	/** The API says the model is thinking right now (it may then be silent longer). */
	thinking?: () => boolean;
	signal?: AbortSignal;
	idleTimeout?: Partial<IdleTimeout>;
	/** Stream work (ms) after which the page gets a turn between chunks (default 8). */
	yieldAfterMs?: number;
}

/**
 * The part both adapters share: cancellation ends the stream with `stop: aborted` (the
 * SDKs end an aborted stream silently, so the signal is checked at the end too), a stream
 * that stays silent too long is cut and fails with kind 'timeout', and any failure becomes a
 * ProviderError marked `afterOutput` once something was yielded. A burst of buffered chunks is
 * drained in slices (yield-budget.ts), so it never freezes the page; the order stays as sent.
 */
export async function* driveStream<Chunk>(
	driver: StreamDriver<Chunk>
): AsyncGenerator<StreamEvent, void, undefined> {
	let emitted = false;
	let phase: StreamPhase = 'connect';
	const aborted: StreamEvent = { type: 'stop', reason: 'aborted' };
	const watchdog = new IdleWatchdog({ ...DEFAULT_IDLE_TIMEOUT, ...driver.idleTimeout });
	const budget = new YieldBudget(driver.yieldAfterMs ?? DEFAULT_YIELD_AFTER_MS);
	const signal = driver.signal
		? AbortSignal.any([driver.signal, watchdog.signal])
		: watchdog.signal;
	const stalled = () => {
		const silence = watchdog.firedAfterMs;
		if (silence === undefined) return undefined;
		return idleTimeoutError(driver.provider, silence, phase);
	};
	try {
		if (driver.signal?.aborted) {
			yield aborted;
			return;
		}
		watchdog.arm(false);
		const chunks = await driver.open(signal, () => watchdog.touch());
		phase = 'stream';
		watchdog.arm(driver.thinking?.() ?? false);
		// The SDK may still hand over chunks it had buffered before the abort: drop them.
		reading: for await (const chunk of chunks) {
			// Only time spent waiting on the network counts, not time the caller takes per event.
			watchdog.disarm();
			if (signal.aborted) break;
			for (const event of driver.translate(chunk)) {
				emitted = true;
				yield event;
				if (signal.aborted) break reading;
			}
			// Between chunks only, and before the watchdog runs again: a pause is not silence.
			await budget.spend();
			if (signal.aborted) break;
			watchdog.arm(driver.thinking?.() ?? false);
		}
		watchdog.disarm();
		if (driver.signal?.aborted) {
			yield aborted;
			return;
		}
		const stall = stalled();
		if (stall) throw stall;
		for (const event of driver.finish()) {
			emitted = true;
			yield event;
		}
	} catch (error) {
		const mapped = stalled() ?? driver.toError(error, phase);
		if (mapped.kind === 'aborted') {
			yield aborted;
			return;
		}
		throw emitted ? mapped.withAfterOutput() : mapped;
	} finally {
		watchdog.disarm();
	}
}

/**
 * Aborts its signal when armed for longer than the timeout that applies. Armed while waiting on
 * the network; bytes arriving meanwhile (touch) restart the wait.
 */
class IdleWatchdog {
	readonly #controller = new AbortController();
	readonly #timeout: IdleTimeout;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#thinking = false;
	/** The silence that tripped it, once it did. */
	firedAfterMs: number | undefined;

	constructor(timeout: IdleTimeout) {
		this.#timeout = timeout;
	}

	get signal(): AbortSignal {
		return this.#controller.signal;
	}

	arm(thinking: boolean): void {
		this.disarm();
		this.#thinking = thinking;
		const ms = thinking ? this.#timeout.thinkingMs : this.#timeout.ms;
		if (!Number.isFinite(ms) || ms <= 0) return;
		this.#timer = setTimeout(() => {
			this.firedAfterMs = ms;
			this.#controller.abort();
		}, ms);
	}

	/** Bytes arrived: the connection is alive, so a wait that is running starts over. */
	touch(): void {
		if (this.#timer !== undefined) this.arm(this.#thinking);
	}

	disarm(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
