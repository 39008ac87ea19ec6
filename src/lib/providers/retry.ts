import { abortedError, formatWait } from './errors';
import { ProviderError } from './provider-error';
import type { IdleTimeout, StreamEvent } from './types';

const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;

export interface RetryInfo {
	/** The attempt that just failed, from 1. */
	attempt: number;
	delayMs: number;
	error: ProviderError;
}

export interface RetryOptions {
	/** Total attempts including the first. Default 5. */
	maxAttempts?: number;
	/** First backoff delay. Default 1000 ms. */
	baseDelayMs?: number;
	/** Cap on the computed backoff. Default 30 s. */
	maxDelayMs?: number;
	/** A server asking for a longer wait than this is not retried. Default 2 min. */
	maxRetryAfterMs?: number;
	/**
	 * How long a model stream may stay silent before it is cut and retried (providers'
	 * defaults: 60 s, 5 min while the model is thinking). Tests inject short ones.
	 */
	idleTimeout?: Partial<IdleTimeout>;
	signal?: AbortSignal;
	onRetry?: (info: RetryInfo) => void;
	/** Injected in tests; must reject (or return) promptly when the signal aborts. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Injected in tests for deterministic jitter. */
	random?: () => number;
}

/**
 * Whether a failure may be retried without asking anyone: the kind is transient and the
 * stream had not yet yielded anything the loop could have shown or stored.
 */
export function canRetry(error: unknown): error is ProviderError {
	return error instanceof ProviderError && error.retryable && !error.afterOutput;
}

/**
 * Runs `fn` until it succeeds or fails in a way that retrying cannot fix. Only
 * ProviderErrors are retried (rate limit, overloaded, server, network, a stalled stream);
 * the server's retry-after wins over the computed backoff. The SDKs' own retries are off, so this is
 * the only retry policy.
 */
export async function withRetries<T>(
	fn: (attempt: number) => Promise<T>,
	options: RetryOptions = {}
): Promise<T> {
	const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
	for (let attempt = 1; ; attempt++) {
		if (options.signal?.aborted) throw abortedError();
		try {
			return await fn(attempt);
		} catch (error) {
			await waitBeforeRetry(error, attempt, maxAttempts, options);
		}
	}
}

/**
 * Streams one model step, retrying only failures that happen before the first event.
 * Once anything was yielded, a failure is rethrown with `afterOutput: true`: the loop has
 * already shown and stored part of a response, so it decides what happens next.
 */
export async function* streamWithRetries(
	open: (attempt: number) => AsyncIterable<StreamEvent>,
	options: RetryOptions = {}
): AsyncGenerator<StreamEvent, void, undefined> {
	const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
	for (let attempt = 1; ; attempt++) {
		if (options.signal?.aborted) {
			yield { type: 'stop', reason: 'aborted' };
			return;
		}
		let emitted = false;
		try {
			for await (const event of open(attempt)) {
				emitted = true;
				yield event;
			}
			return;
		} catch (error) {
			if (emitted) throw error instanceof ProviderError ? error.withAfterOutput() : error;
			try {
				await waitBeforeRetry(error, attempt, maxAttempts, options);
			} catch (final) {
				if (final instanceof ProviderError && final.kind === 'aborted') {
					yield { type: 'stop', reason: 'aborted' };
					return;
				}
				throw final;
			}
		}
	}
}

/**
 * Returns after the delay when `error` deserves another attempt; otherwise throws it, saying
 * why Kiln stopped when it was the kind of failure that is usually retried.
 */
async function waitBeforeRetry(
	error: unknown,
	attempt: number,
	maxAttempts: number,
	options: RetryOptions
): Promise<void> {
	if (!canRetry(error)) throw error;
	if (attempt >= maxAttempts) {
		const tries = attempt === 1 ? 'once' : `${attempt} times`;
		throw error.with({
			retryable: false,
			message: `${error.message} Kiln tried ${tries} and gave up; send the message again to try once more.`
		});
	}
	const delayMs = retryDelay(error, attempt, options);
	if (delayMs === undefined) {
		const limit = formatWait(options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS);
		throw error.with({
			retryable: false,
			message: `${error.message} Kiln did not retry: the wait asked for (${formatWait(error.retryAfterMs ?? 0)}) is longer than Kiln waits on its own (${limit}). Send the message again once it is over.`
		});
	}
	options.onRetry?.({ attempt, delayMs, error });
	const sleep = options.sleep ?? abortableSleep;
	await sleep(delayMs, options.signal);
	if (options.signal?.aborted) throw abortedError(error.provider);
}

function retryDelay(
	error: ProviderError,
	attempt: number,
	options: RetryOptions
): number | undefined {
	const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
	if (error.retryAfterMs !== undefined) {
		return error.retryAfterMs <= maxRetryAfterMs ? error.retryAfterMs : undefined;
	}
	const base = options.baseDelayMs ?? 1000;
	const max = options.maxDelayMs ?? 30_000;
	const exponential = Math.min(max, base * 2 ** (attempt - 1));
	// Jitter spreads out clients that failed together; keep at least half the delay.
	const random = options.random ?? Math.random;
	return Math.round(exponential * (0.5 + random() / 2));
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortedError());
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		function onAbort() {
			clearTimeout(timer);
			reject(abortedError());
		}
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
