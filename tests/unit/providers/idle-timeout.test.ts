/**
 * The idle timeout: a stream that stays silent is cut and fails with kind 'timeout' (retried by
 * the retry policy), before the headers as well as mid-stream; a model that is thinking gets the
 * longer allowance. Real SDKs over real HTTP against the scripted server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';
import {
	ProviderError,
	createProvider,
	preloadProvider,
	streamWithRetries,
	type ProviderConfig
} from '../../../src/lib/providers';
import { collect, sampleRequest, streamError, textOf } from './helpers';

let server: MockModelServer;
// The SDKs load on first use: seconds on a busy machine, which the first case's 5 s must not pay.
beforeAll(async () => {
	server = await startMockModelServer();
	await Promise.all([
		preloadProvider({ provider: 'anthropic' }),
		preloadProvider({ provider: 'openai' })
	]);
}, 60_000);
afterAll(() => server.close());
afterEach(() => vi.unstubAllGlobals());

const FORMATS = ['anthropic', 'openai'] as const;
// Wide enough that a loaded machine (several test workers, a build beside them) never leaves a
// 1 s gap between chunks the server sends without pausing; the pauses below are 2 s or more.
const idleTimeout = { ms: 1000, thinkingMs: 6000 };

function config(format: (typeof FORMATS)[number]): ProviderConfig {
	return format === 'anthropic'
		? { provider: 'anthropic', apiKey: 'k', baseUrl: server.url, model: 'm' }
		: { provider: 'openai', apiKey: 'k', baseUrl: server.openaiBaseURL, model: 'm' };
}

describe.each(FORMATS)('idle timeout (%s)', (format) => {
	it('cuts a request whose response never starts, and says so', async () => {
		server.setScript([{ text: 'never', fault: { type: 'stall', afterChunks: 0 } }]);
		const provider = createProvider(config(format));
		const error = await streamError(provider.stream(sampleRequest({ idleTimeout })));
		expect(error).toBeInstanceOf(ProviderError);
		const failure = error as ProviderError;
		expect(failure.kind).toBe('timeout');
		expect(failure.retryable).toBe(true);
		expect(failure.afterOutput).toBe(false);
		expect(failure.message).toMatch(/^No data from .+ for 1 second \(it never started answering\)/);
	});

	it('cuts a stream that stalls mid-way, marked as after output', async () => {
		server.setScript([
			{
				text: 'Some words before the stall.',
				chunkSize: 4,
				fault: { type: 'stall', afterChunks: 5 }
			}
		]);
		const provider = createProvider(config(format));
		const error = (await streamError(
			provider.stream(sampleRequest({ idleTimeout }))
		)) as ProviderError;
		expect(error.kind).toBe('timeout');
		expect(error.afterOutput).toBe(true);
		expect(error.message).toMatch(/stalled mid-stream/);
	});

	it('retries a stall before the headers like any transient failure', async () => {
		server.setScript([
			{ text: 'never', fault: { type: 'stall', afterChunks: 0 } },
			{ text: 'Second try.' }
		]);
		const provider = createProvider(config(format));
		const retries: string[] = [];
		const events = await collect(
			streamWithRetries(() => provider.stream(sampleRequest({ idleTimeout })), {
				sleep: async () => {},
				onRetry: (info) => retries.push(info.error.kind)
			})
		);
		expect(textOf(events)).toBe('Second try.');
		expect(retries).toEqual(['timeout']);
	});

	it('keeps waiting through a silence while the model is thinking', async () => {
		server.setScript([
			{
				thinking: 'Let me think about this for quite a while.',
				text: 'Done thinking.',
				chunkSize: 8,
				// In the middle of the thinking deltas: longer than `ms`, shorter than `thinkingMs`.
				fault: { type: 'pause', afterChunks: 4, ms: 2000 }
			}
		]);
		const provider = createProvider(config(format));
		const events = await collect(provider.stream(sampleRequest({ idleTimeout })));
		expect(textOf(events)).toBe('Done thinking.');
	});

	it('does not give the same silence a pass once the model writes its answer', async () => {
		server.setScript([
			{
				thinking: 'Short thought.',
				text: 'An answer that pauses half-way through.',
				chunkSize: 8,
				fault: { type: 'pause', afterChunks: 9, ms: 2000 }
			}
		]);
		const provider = createProvider(config(format));
		const error = (await streamError(
			provider.stream(sampleRequest({ idleTimeout }))
		)) as ProviderError;
		expect(error.kind).toBe('timeout');
	});

	it('a connection that drops mid-stream is not blamed on CORS, even in a browser', async () => {
		vi.stubGlobal('document', {});
		vi.stubGlobal('location', { origin: 'https://kiln.example' });
		server.setScript([
			{
				text: 'This answer is cut off half-way.',
				chunkSize: 4,
				fault: { type: 'drop', afterChunks: 5 }
			}
		]);
		const provider = createProvider(config(format));
		const error = (await streamError(provider.stream(sampleRequest()))) as ProviderError;
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/dropped while the answer was streaming/);
		expect(error.message).not.toMatch(/CORS/);
	});
});

describe('idle timeout before the first token (OpenAI)', () => {
	// A reasoning model on OpenAI's own API sends its role chunk, then nothing while it thinks.
	const silentReasoning = {
		text: 'Answer after thinking silently.',
		fault: { type: 'pause' as const, afterChunks: 1, ms: 2000 }
	};

	it('gives OpenAI’s own API the thinking allowance until the first token', async () => {
		server.setScript([silentReasoning]);
		const provider = createProvider({ ...config('openai'), provider: 'openai' });
		const events = await collect(provider.stream(sampleRequest({ idleTimeout })));
		expect(textOf(events)).toBe('Answer after thinking silently.');
	});

	it('holds other OpenAI-compatible servers to the plain timeout (they stream reasoning)', async () => {
		server.setScript([silentReasoning]);
		const provider = createProvider({ ...config('openai'), provider: 'openai-compatible' });
		const error = (await streamError(
			provider.stream(sampleRequest({ idleTimeout }))
		)) as ProviderError;
		expect(error.kind).toBe('timeout');
	});
});

describe.each(FORMATS)('idle timeout counts bytes, not events (%s)', (format) => {
	it('keeps a stream alive through keep-alive comments the parser drops', async () => {
		server.setScript([
			{
				text: 'An answer after a long, kept-alive wait.',
				fault: { type: 'pause', afterChunks: 3, ms: 3000, keepAliveMs: 200 }
			}
		]);
		const provider = createProvider(config(format));
		const events = await collect(provider.stream(sampleRequest({ idleTimeout })));
		expect(textOf(events)).toBe('An answer after a long, kept-alive wait.');
	});
});
