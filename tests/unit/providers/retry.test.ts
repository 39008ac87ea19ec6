import { describe, expect, it, vi } from 'vitest';
import {
	ProviderError,
	canRetry,
	streamWithRetries,
	withRetries,
	type ProviderErrorKind,
	type StreamEvent
} from '../../../src/lib/providers';
import { collect } from './helpers';

function failing(kind: ProviderErrorKind, retryAfterMs?: number) {
	return new ProviderError(kind, `failed: ${kind}`, { retryAfterMs });
}

/** fn that fails with the given errors in turn, then returns 'done'. */
function sequence(...errors: ProviderError[]) {
	const fn = vi.fn(async () => {
		const next = errors.shift();
		if (next) throw next;
		return 'done';
	});
	return fn;
}

describe('withRetries', () => {
	it.each(['rate_limit', 'overloaded', 'server', 'network', 'timeout'] as const)(
		'retries %s',
		async (kind) => {
			const fn = sequence(failing(kind), failing(kind));
			const sleep = vi.fn(async () => {});
			await expect(withRetries(fn, { sleep })).resolves.toBe('done');
			expect(fn).toHaveBeenCalledTimes(3);
			expect(sleep).toHaveBeenCalledTimes(2);
		}
	);

	it.each(['auth', 'bad_request', 'context_overflow', 'aborted'] as const)(
		'never retries %s',
		async (kind) => {
			const fn = sequence(failing(kind));
			const sleep = vi.fn(async () => {});
			await expect(withRetries(fn, { sleep })).rejects.toMatchObject({ kind });
			expect(fn).toHaveBeenCalledTimes(1);
			expect(sleep).not.toHaveBeenCalled();
		}
	);

	it('does not retry errors that are not ProviderErrors', async () => {
		const fn = vi.fn(async () => {
			throw new TypeError('bug');
		});
		await expect(withRetries(fn, { sleep: async () => {} })).rejects.toThrow('bug');
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('waits what retry-after asked, and backs off exponentially with jitter otherwise', async () => {
		const fn = sequence(
			failing('rate_limit', 4500),
			failing('server'),
			failing('server'),
			failing('server')
		);
		const waits: number[] = [];
		const onRetry = vi.fn();
		await withRetries(fn, {
			maxAttempts: 5,
			baseDelayMs: 1000,
			maxDelayMs: 3000,
			random: () => 0,
			sleep: async (ms) => void waits.push(ms),
			onRetry
		});
		// Retry-after exactly; then base·2^(attempt-1) = 2000, 4000→3000, 8000→3000 (capped),
		// each at the jitter floor (half).
		expect(waits).toEqual([4500, 1000, 1500, 1500]);
		expect(onRetry).toHaveBeenNthCalledWith(
			1,
			expect.objectContaining({ attempt: 1, delayMs: 4500 })
		);
		expect(onRetry.mock.calls[0]?.[0].error.kind).toBe('rate_limit');
	});

	it('gives up after maxAttempts and throws the last error', async () => {
		const fn = sequence(failing('server'), failing('server'), failing('overloaded'));
		await expect(withRetries(fn, { maxAttempts: 3, sleep: async () => {} })).rejects.toMatchObject({
			kind: 'overloaded',
			retryable: false,
			// The error says what happened, then that Kiln already retried (never that it will).
			message:
				'failed: overloaded Kiln tried 3 times and gave up; send the message again to try once more.'
		});
		expect(fn).toHaveBeenCalledTimes(3);
	});

	it('does not retry when the server asks for a longer wait than allowed', async () => {
		const fn = sequence(failing('rate_limit', 600_000));
		await expect(
			withRetries(fn, { maxRetryAfterMs: 60_000, sleep: async () => {} })
		).rejects.toMatchObject({
			kind: 'rate_limit',
			retryAfterMs: 600_000,
			message:
				'failed: rate_limit Kiln did not retry: the wait asked for (10 minutes) is longer than Kiln waits on its own (60 seconds). Send the message again once it is over.'
		});
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('stops waiting at once when aborted during the backoff (real timer)', async () => {
		const controller = new AbortController();
		const fn = sequence(failing('server'));
		const pending = withRetries(fn, {
			baseDelayMs: 60_000,
			signal: controller.signal,
			onRetry: () => queueMicrotask(() => controller.abort())
		});
		await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('does not start when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		const fn = sequence();
		await expect(withRetries(fn, { signal: controller.signal })).rejects.toMatchObject({
			kind: 'aborted'
		});
		expect(fn).not.toHaveBeenCalled();
	});

	it('never retries an error marked afterOutput', async () => {
		const fn = sequence(failing('overloaded').withAfterOutput());
		await expect(withRetries(fn, { sleep: async () => {} })).rejects.toMatchObject({
			kind: 'overloaded',
			afterOutput: true
		});
		expect(fn).toHaveBeenCalledTimes(1);
		expect(canRetry(failing('overloaded'))).toBe(true);
		expect(canRetry(failing('overloaded').withAfterOutput())).toBe(false);
	});
});

describe('streamWithRetries', () => {
	const done: StreamEvent[] = [
		{ type: 'text-delta', text: 'hi' },
		{ type: 'usage', inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
		{ type: 'stop', reason: 'end_turn' }
	];

	it('retries a stream that failed before yielding anything', async () => {
		let attempts = 0;
		const events = await collect(
			streamWithRetries(
				async function* () {
					attempts++;
					if (attempts < 3) throw failing('network');
					yield* done;
				},
				{ sleep: async () => {} }
			)
		);
		expect(attempts).toBe(3);
		expect(events).toEqual(done);
	});

	it('rethrows with afterOutput once something was yielded', async () => {
		let attempts = 0;
		const seen: StreamEvent[] = [];
		const run = async () => {
			for await (const event of streamWithRetries(
				async function* () {
					attempts++;
					yield { type: 'text-delta', text: 'part' } as StreamEvent;
					throw failing('overloaded');
				},
				{ sleep: async () => {} }
			)) {
				seen.push(event);
			}
		};
		await expect(run()).rejects.toMatchObject({ kind: 'overloaded', afterOutput: true });
		expect(attempts).toBe(1);
		expect(seen).toEqual([{ type: 'text-delta', text: 'part' }]);
	});

	it('ends with stop "aborted" when aborted during the backoff', async () => {
		const controller = new AbortController();
		const events = await collect(
			streamWithRetries(
				async function* () {
					yield* [];
					throw failing('server');
				},
				{ signal: controller.signal, baseDelayMs: 60_000, onRetry: () => controller.abort() }
			)
		);
		expect(events).toEqual([{ type: 'stop', reason: 'aborted' }]);
	});
});
