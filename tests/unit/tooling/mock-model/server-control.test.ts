import Anthropic, { type APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import OpenAI, { type APIError as OpenAIAPIError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	MockScriptError,
	REDACTED,
	startMockModelServer,
	type MockModelServer,
	type RecordedRequest
} from '../../../../tooling/mock-model';

let server: MockModelServer;
let announced: RecordedRequest[];

beforeEach(async () => {
	announced = [];
	server = await startMockModelServer({ onRequest: (request) => announced.push(request) });
});
afterEach(() => server.close());

const anthropicRequest = {
	model: 'claude-test',
	max_tokens: 100,
	messages: [{ role: 'user' as const, content: 'hi' }]
};

function anthropicClient(apiKey = 'sk-ant-secret-value') {
	return new Anthropic({ apiKey, baseURL: server.url, maxRetries: 0 });
}
function openaiClient(apiKey = 'sk-openai-secret-value') {
	return new OpenAI({ apiKey, baseURL: server.openaiBaseURL, maxRetries: 0 });
}

describe('CORS', () => {
	it('answers a preflight by echoing the requested headers and allowing the origin', async () => {
		const requested =
			'anthropic-dangerous-direct-browser-access,anthropic-version,authorization,content-type,x-stainless-os';
		const response = await fetch(`${server.url}/v1/messages`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:5173',
				'access-control-request-method': 'POST',
				'access-control-request-headers': requested
			}
		});
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
		expect(response.headers.get('access-control-allow-headers')).toBe(requested);
		expect(response.headers.get('access-control-allow-methods')).toContain('POST');
		expect(server.requests()).toEqual([]);
	});

	it('lets a page read retry-after and request-id on an error response', async () => {
		server.setScript([{ fault: { type: 'http', status: 429, retryAfter: 3 } }]);
		const response = await fetch(`${server.openaiBaseURL}/chat/completions`, {
			method: 'POST',
			headers: { origin: 'http://localhost:4173', 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'm', messages: [] })
		});
		expect(response.status).toBe(429);
		expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
		const exposed = response.headers.get('access-control-expose-headers') ?? '';
		expect(exposed.split(', ')).toEqual(expect.arrayContaining(['retry-after', 'request-id']));
	});
});

describe('request recording', () => {
	it('records method, path, format, body and redacted credentials', async () => {
		server.setScript([{ text: 'a' }, { text: 'b' }]);
		await anthropicClient().messages.create(anthropicRequest);
		await openaiClient().chat.completions.create({
			model: 'gpt-test',
			messages: [{ role: 'user', content: 'hello' }]
		});

		const [first, second] = server.requests();
		expect(first).toMatchObject({
			seq: 0,
			method: 'POST',
			path: '/v1/messages',
			format: 'anthropic',
			turn: 0,
			body: anthropicRequest
		});
		expect(first?.headers['anthropic-version']).toBeDefined();
		expect(second).toMatchObject({
			seq: 1,
			path: '/v1/chat/completions',
			format: 'openai',
			turn: 1
		});
		expect(second?.apiKey).toEqual({ present: true, header: 'authorization', prefix: 'sk-o' });
		expect(second?.headers.authorization).toBe(`Bearer ${REDACTED}`);

		for (const request of [first, second]) {
			const key = request?.apiKey.header ?? '';
			expect(request?.headers[key]).toContain(REDACTED);
		}
		const everything = JSON.stringify(server.requests());
		expect(everything).not.toContain('secret-value');

		// The log is also served over HTTP, for tests that run the server in another process.
		const served = (await (await fetch(`${server.url}/__kiln/requests`)).json()) as unknown[];
		expect(served).toEqual(server.requests());
		expect(announced.map((request) => request.turn)).toEqual([0, 1]);
	});

	it('notes when no key was sent', async () => {
		await fetch(`${server.openaiBaseURL}/models`);
		expect(server.requests()[0]?.apiKey).toEqual({ present: false, header: null, prefix: null });
	});
});

describe('script exhaustion and matching', () => {
	it('says clearly that the script is exhausted, without inviting a retry', async () => {
		server.setScript([{ text: 'only turn' }]);
		const client = anthropicClient();
		await client.messages.create(anthropicRequest);
		const error = await client.messages.create(anthropicRequest).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Anthropic.BadRequestError);
		expect((error as AnthropicAPIError).apiMessage).toMatch(/script is exhausted: all 1 turn/);
		expect((error as AnthropicAPIError).headers?.get('x-should-retry')).toBe('false');

		const openaiError = await openaiClient()
			.chat.completions.create({ model: 'm', messages: [] })
			.catch((e: unknown) => e);
		expect((openaiError as OpenAIAPIError).code).toBe('script_exhausted');
		expect(server.requests().map((request) => request.turn)).toEqual([0, null, null]);
	});

	it('rewinds on reset, forgetting recorded requests', async () => {
		server.setScript([{ text: 'once' }]);
		const client = anthropicClient();
		await client.messages.create(anthropicRequest);
		const reset = await fetch(`${server.url}/__kiln/reset`, { method: 'POST' });
		expect(reset.status).toBe(200);
		expect(server.requests()).toEqual([]);
		const again = await client.messages.create(anthropicRequest);
		expect(again.content).toEqual([{ type: 'text', text: 'once', citations: null }]);
	});

	it('hands a matching turn to the request it matches, out of order', async () => {
		server.setScript([
			{ match: { lastUserMessageIncludes: 'tests passed' }, text: 'Great, done.' },
			{ match: { format: 'openai' }, text: 'openai only' },
			{ text: 'first plain turn' }
		]);
		const client = anthropicClient();
		const plain = await client.messages.create(anthropicRequest);
		expect(plain.content[0]).toMatchObject({ text: 'first plain turn' });

		const afterTool = await client.messages.create({
			...anthropicRequest,
			messages: [
				{ role: 'user', content: 'run the tests' },
				{ role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'bash', input: {} }] },
				{
					role: 'user',
					content: [{ type: 'tool_result', tool_use_id: 't1', content: 'all 12 tests passed' }]
				}
			]
		});
		expect(afterTool.content[0]).toMatchObject({ text: 'Great, done.' });

		const refused = await client.messages.create(anthropicRequest).catch((e: unknown) => e);
		expect((refused as AnthropicAPIError).apiMessage).toMatch(
			/no remaining turn matches.*turn 1 wants format openai/
		);
		const chat = await openaiClient().chat.completions.create({ model: 'm', messages: [] });
		expect(chat.choices[0]?.message.content).toBe('openai only');
	});
});

describe('control endpoints and validation', () => {
	it('replaces the script over HTTP and rejects an invalid one with the reason', async () => {
		const good = await fetch(`${server.url}/__kiln/script`, {
			method: 'POST',
			body: JSON.stringify({ turns: [{ text: 'from http' }] })
		});
		expect(await good.json()).toEqual({ ok: true, turns: 1 });
		const bad = await fetch(`${server.url}/__kiln/script`, {
			method: 'POST',
			body: JSON.stringify({ turns: [{ txt: 'typo' }] })
		});
		expect(bad.status).toBe(400);
		const body = (await bad.json()) as { error: { message: string } };
		expect(body.error.message).toContain('txt');

		const message = await anthropicClient().messages.create(anthropicRequest);
		expect(message.content[0]).toMatchObject({ text: 'from http' });
	});

	it('setScript throws a MockScriptError that names the problem', () => {
		expect(() =>
			server.setScript({ turns: [{ fault: { type: 'http', status: 200 } }] } as never)
		).toThrow(MockScriptError);
	});

	it('rejects a request the real API would reject, without using a turn', async () => {
		server.setScript([{ text: 'kept' }]);
		const response = await fetch(`${server.url}/v1/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
			body: JSON.stringify({ model: 'm', messages: [] })
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			type: 'error',
			error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') }
		});
		const message = await anthropicClient().messages.create(anthropicRequest);
		expect(message.content[0]).toMatchObject({ text: 'kept' });
	});

	it('answers an unknown path with 404 listing the endpoints', async () => {
		const response = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });
		expect(response.status).toBe(404);
		const body = (await response.json()) as { error: { message: string } };
		expect(body.error.message).toContain('/v1/chat/completions');
	});
});
