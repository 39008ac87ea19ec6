import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeLocalServer, probeUrl, serverRoot } from '../../../src/lib/providers';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';

const origin = 'http://localhost:5173';
let server: MockModelServer;

beforeEach(async () => {
	server = await startMockModelServer({
		script: { models: ['llama3.2', 'qwen2.5-coder:7b', 'nomic-embed-text'], turns: [] }
	});
});
afterEach(() => server.close());

/** A real server that answers every request with `status` and `body` (JSON). */
async function answering(status: number, body: unknown): Promise<{ url: string; close(): void }> {
	const other: Server = createServer((_req, res) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	const { port } = other.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, close: () => other.close() };
}

/** A port nothing listens on: one that was free a moment ago. */
async function closedPort(): Promise<string> {
	const gone = await answering(200, {});
	gone.close();
	return gone.url;
}

describe('where the probe asks', () => {
	it('asks Ollama at its root and LM Studio under /v1, whatever shape the address has', () => {
		expect(probeUrl('ollama', undefined)).toBe('http://localhost:11434/api/tags');
		expect(probeUrl('ollama', 'http://box:11434/v1/')).toBe('http://box:11434/api/tags');
		expect(probeUrl('lmstudio', undefined)).toBe('http://localhost:1234/v1/models');
		expect(probeUrl('lmstudio', 'http://box:1234')).toBe('http://box:1234/v1/models');
		expect(serverRoot('lmstudio', 'http://box:1234/v1')).toBe('http://box:1234');
	});
});

describe('probeLocalServer', () => {
	it('lists Ollama’s models from /api/tags', async () => {
		const outcome = await probeLocalServer('ollama', server.url, { origin });
		expect(outcome).toEqual({
			status: 'found',
			models: ['llama3.2', 'qwen2.5-coder:7b', 'nomic-embed-text'],
			message: 'Ollama is running with 3 models.'
		});
		expect(server.requests().map((request) => request.path)).toEqual(['/api/tags']);
	});

	it('lists LM Studio’s models from /v1/models', async () => {
		const outcome = await probeLocalServer('lmstudio', server.url, { origin });
		expect(outcome.status).toBe('found');
		expect(outcome.status === 'found' && outcome.models).toEqual([
			'llama3.2',
			'qwen2.5-coder:7b',
			'nomic-embed-text'
		]);
		expect(server.requests().map((request) => request.path)).toEqual(['/v1/models']);
	});

	it('says how to start the server when nothing answers, naming the origin to allow', async () => {
		const url = await closedPort();
		const ollama = await probeLocalServer('ollama', url, { origin });
		expect(ollama.status).toBe('unreachable');
		expect(ollama.message).toContain(`Nothing answered at ${url}`);
		expect(ollama.message).toContain(`OLLAMA_ORIGINS="${origin}" ollama serve`);
		const lmstudio = await probeLocalServer('lmstudio', url, { origin });
		expect(lmstudio.status).toBe('unreachable');
		expect(lmstudio.message).toContain('start the server');
	});

	it('tells an empty server from a full one', async () => {
		server.setScript({ models: [], turns: [] });
		const outcome = await probeLocalServer('ollama', server.url, { origin });
		expect(outcome).toMatchObject({ status: 'found', models: [] });
		expect(outcome.message).toContain('ollama pull');
	});

	it('reports an answer that is not a model list, and an HTTP error, as a wrong address', async () => {
		const notAList = await answering(200, { hello: 'world' });
		const failing = await answering(404, { error: 'no' });
		try {
			const odd = await probeLocalServer('ollama', notAList.url, { origin });
			expect(odd).toMatchObject({ status: 'invalid' });
			expect(odd.message).toContain('not with Ollama’s model list');
			const missing = await probeLocalServer('lmstudio', failing.url, { origin });
			expect(missing).toMatchObject({ status: 'invalid' });
			expect(missing.message).toContain('answered 404');
		} finally {
			notAList.close();
			failing.close();
		}
	});

	it('keeps only string ids from a hostile list, once each', async () => {
		const hostile = await answering(200, {
			models: [{ name: 'good' }, { name: 42 }, null, { model: 'good' }, { name: '  ' }, 'x']
		});
		try {
			const outcome = await probeLocalServer('ollama', hostile.url, { origin });
			expect(outcome).toMatchObject({ status: 'found', models: ['good'] });
		} finally {
			hostile.close();
		}
	});

	it('says so when the address is not one', async () => {
		const outcome = await probeLocalServer('ollama', 'not a url', { origin });
		expect(outcome.status).toBe('invalid');
		expect(outcome.message).toContain('is not an address');
	});
});
