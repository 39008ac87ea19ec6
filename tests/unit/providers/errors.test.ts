import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from '../../../src/lib/providers';
import { classifyHttpFailure, networkError } from '../../../src/lib/providers/errors';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('reads seconds, milliseconds and HTTP dates', () => {
		expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
		expect(parseRetryAfter(new Headers({ 'retry-after': '0.25' }), now)).toBe(250);
		expect(
			parseRetryAfter(new Headers({ 'retry-after-ms': '1234', 'retry-after': '9' }), now)
		).toBe(1234);
		expect(
			parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)
		).toBe(30_000);
	});

	it('ignores absent or unreadable values and treats past dates as now', () => {
		expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
		expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
		expect(parseRetryAfter(new Headers({ 'retry-after': '-4' }), now)).toBeUndefined();
		expect(
			parseRetryAfter(new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)
		).toBe(0);
	});
});

describe('classifyHttpFailure', () => {
	it.each([
		[
			{ status: 400, apiMessage: 'prompt is too long: 215000 tokens > 200000 maximum' },
			'context_overflow'
		],
		[{ status: 400, code: 'context_length_exceeded' }, 'context_overflow'],
		[{ status: 400, apiMessage: 'invalid tool name' }, 'bad_request'],
		[{ status: 429, code: 'insufficient_quota' }, 'auth'],
		[{ status: 402 }, 'auth'],
		[{ type: 'overloaded_error' }, 'overloaded'],
		[{ type: 'rate_limit_error' }, 'rate_limit'],
		[{ type: 'api_error' }, 'server'],
		[{ code: 502 }, 'server'],
		[{ status: 408 }, 'network'],
		[{ status: 422 }, 'bad_request']
	] as const)('%o → %s', (failure, kind) => {
		expect(classifyHttpFailure(failure, 'openrouter').kind).toBe(kind);
	});

	it('does not retry an exhausted quota even though it is a 429', () => {
		const error = classifyHttpFailure({ status: 429, code: 'insufficient_quota' }, 'openai');
		expect(error.retryable).toBe(false);
		expect(error.message).toMatch(/billing/);
	});
});

describe('networkError', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('in a browser, points at CORS and OLLAMA_ORIGINS for Ollama', () => {
		vi.stubGlobal('document', {});
		vi.stubGlobal('location', { origin: 'https://kiln.example' });
		const error = networkError('ollama', 'http://localhost:11434/v1');
		expect(error.kind).toBe('network');
		expect(error.message).toContain('http://localhost:11434/v1');
		expect(error.message).toContain('CORS');
		expect(error.message).toContain('OLLAMA_ORIGINS="https://kiln.example"');
	});

	it('in Node, does not talk about CORS', () => {
		expect(networkError('lmstudio', 'http://localhost:1234/v1').message).not.toContain('CORS');
	});
});

describe('wording for the front end', () => {
	const cli = {
		key: '--api-key (or ANTHROPIC_API_KEY)',
		keyAndModel: '--api-key and --model',
		modelAndBaseUrl: '--model and --base-url',
		baseUrl: '--base-url'
	};

	it('points at Settings by default and at the given places otherwise', () => {
		expect(classifyHttpFailure({ status: 401 }, 'anthropic').message).toContain(
			'check the API key in Settings'
		);
		const refused = classifyHttpFailure({ status: 401 }, 'anthropic', cli).message;
		expect(refused).toContain('check --api-key (or ANTHROPIC_API_KEY)');
		expect(refused).not.toContain('Settings');
		expect(classifyHttpFailure({ status: 404 }, 'anthropic', cli).message).toContain(
			'check --model and --base-url'
		);
		const unreachable = networkError('anthropic', 'http://127.0.0.1:9', { wording: cli });
		expect(unreachable.message).toContain('Check your connection and --base-url.');
	});

	it('a drop after the response started is a dropped connection, never CORS', () => {
		vi.stubGlobal('document', {});
		vi.stubGlobal('location', { origin: 'https://kiln.example' });
		const error = networkError('ollama', 'http://localhost:11434/v1', { phase: 'stream' });
		expect(error.message).toMatch(/dropped while the answer was streaming/);
		expect(error.message).not.toMatch(/CORS|could not reach/i);
		vi.unstubAllGlobals();
	});
});
