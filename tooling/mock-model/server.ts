import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerPreflight, applyCorsHeaders } from './cors';
import { readJsonBody, sendJson } from './http-io';
import {
	answerModelCall,
	answerModelList,
	formatFromHeaders,
	sendError,
	requestIdHeaders
} from './model-routes';
import { recordRequest, type RecordedRequest } from './request-log';
import { MockScriptError, parseScript, type Script, type ScriptInput } from './script-schema';
import { TurnQueue } from './turn-queue';
import { PromptCacheSimulator, type PromptCacheOptions } from './cache';
import { answerGitHub, isGitHubPath, type MockGitHub } from './github-routes';
import { answerCountTokens, defaultTextCounter } from './count-tokens';
import { ollamaTagList } from './openai-wire';

export interface MockModelServerOptions {
	/** The turns to replay; validated like a script file. Defaults to no turns. */
	script?: ScriptInput | Script;
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** Told about each model API request once its answer is chosen (for logging). */
	onRequest?: (request: RecordedRequest) => void;
	/**
	 * Simulate Anthropic's prompt cache for Anthropic-format requests: usage then reports
	 * uncached, cache-write and cache-read tokens counted with a real tokenizer, on a simulated
	 * clock. Off by default, so scripted usage numbers stay as written.
	 */
	cache?: { enabled: boolean } & PromptCacheOptions;
	/** Repositories for the GitHub stand-in (see github-routes.ts); none by default. */
	github?: MockGitHub;
}

export interface MockModelServer {
	/** Origin of the server, e.g. http://127.0.0.1:8787 (the Anthropic SDK's baseURL). */
	url: string;
	port: number;
	/** `${url}/v1`, the openai SDK's baseURL. */
	openaiBaseURL: string;
	/** Every model API request so far, oldest first (copies; credentials redacted). */
	requests(): RecordedRequest[];
	/** Every count_tokens request so far, oldest first (kept apart: they use no turn). */
	tokenCounts(): RecordedRequest[];
	/** Replaces the script and rewinds to its first turn. Throws MockScriptError if invalid. */
	setScript(script: ScriptInput | Script): void;
	/** Rewinds the script to its first turn, forgets recorded requests and empties the cache. */
	reset(): void;
	/** The prompt-cache simulator, when enabled (see tooling/mock-model/cache). */
	cache: PromptCacheSimulator | undefined;
	/** Replaces what the GitHub stand-in serves (API base `${url}/api/v3`, raw files `${url}/raw`). */
	setGitHub(github: MockGitHub): void;
	/** Stops listening and cuts every open connection, stalled streams included. */
	close(): Promise<void>;
}

const endpoints =
	'POST /v1/messages, POST /v1/messages/count_tokens, POST /v1/chat/completions, GET /v1/models, ' +
	'GET /api/tags (Ollama), ' +
	'GET /__kiln/requests, GET|POST /__kiln/script, POST /__kiln/reset';

type Route = 'anthropic' | 'openai' | 'models' | 'tags' | 'count';

/** Routes by path suffix, so both `/v1/messages` and `/messages` (after any base URL) work. */
function routeFor(path: string): Route | null {
	if (path.endsWith('/messages/count_tokens')) return 'count';
	if (path.endsWith('/chat/completions')) return 'openai';
	if (path.endsWith('/messages')) return 'anthropic';
	if (path.endsWith('/models')) return 'models';
	if (path === '/api/tags') return 'tags';
	return null;
}

const expectedMethod: Record<Route, string> = {
	anthropic: 'POST',
	openai: 'POST',
	models: 'GET',
	tags: 'GET',
	count: 'POST'
};

export async function startMockModelServer(
	options: MockModelServerOptions = {}
): Promise<MockModelServer> {
	const queue = new TurnQueue(parseScript(options.script ?? { turns: [] }));
	const cache = options.cache?.enabled ? new PromptCacheSimulator(options.cache) : undefined;
	let log: RecordedRequest[] = [];
	let counts: RecordedRequest[] = [];
	let github: MockGitHub = options.github ?? { repos: {} };
	let nextSeq = 0;
	const reset = () => {
		queue.reset();
		cache?.reset();
		log = [];
		counts = [];
	};

	async function handleControl(req: IncomingMessage, res: ServerResponse, path: string) {
		const action = `${req.method} ${path}`;
		if (action === 'GET /__kiln/requests') return sendJson(res, 200, log);
		if (action === 'GET /__kiln/script') {
			return sendJson(res, 200, { script: queue.script, remaining: queue.remaining() });
		}
		if (action === 'POST /__kiln/reset') {
			reset();
			return sendJson(res, 200, { ok: true });
		}
		if (action === 'POST /__kiln/script') {
			const body = await readJsonBody(req);
			try {
				if (!body.ok) throw new MockScriptError(`The script is not valid JSON: ${body.reason}.`);
				queue.replace(parseScript(body.value));
				return sendJson(res, 200, { ok: true, turns: queue.script.turns.length });
			} catch (error) {
				return sendJson(res, 400, { error: { message: (error as Error).message } });
			}
		}
		sendJson(res, 404, {
			error: { message: `mock-model: no control route ${action}. Try ${endpoints}.` }
		});
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		applyCorsHeaders(req, res);
		if (req.method === 'OPTIONS') return answerPreflight(req, res);

		const rawPath = req.url ?? '/';
		const path = new URL(rawPath, 'http://mock.invalid').pathname.replace(/\/+$/, '') || '/';
		if (path.startsWith('/__kiln/')) return handleControl(req, res, path);
		if (isGitHubPath(path)) return answerGitHub(req, res, path, github);

		const route = routeFor(path);
		const format = route === 'anthropic' || route === 'openai' ? route : formatFromHeaders(req);
		const body = await readJsonBody(req);
		const record = recordRequest({
			seq: nextSeq++,
			method: req.method ?? 'GET',
			path: rawPath,
			format,
			headers: req.headers,
			body: body.ok ? body.value : null
		});
		if (route === 'count') counts.push(record);
		else log.push(record);
		let announced = false;
		const announce = () => {
			if (!announced) options.onRequest?.(record);
			announced = true;
		};

		try {
			if (!route) {
				return sendError(res, format, 404, record.seq, {
					message: `mock-model: no route for ${req.method} ${path}. Endpoints: ${endpoints}.`
				});
			}
			if (req.method !== expectedMethod[route]) {
				return sendError(res, format, 405, record.seq, {
					message: `mock-model: ${path} answers ${expectedMethod[route]}, not ${req.method}.`,
					errorType: 'invalid_request_error'
				});
			}
			if (route === 'models') {
				return answerModelList(res, format, queue.script.models, record.seq);
			}
			if (route === 'tags') {
				return sendJson(res, 200, ollamaTagList(queue.script.models), requestIdHeaders(record.seq));
			}
			if (!body.ok) {
				return sendError(res, format, 400, record.seq, {
					message: `mock-model: the request body is not valid JSON (${body.reason}).`
				});
			}
			if (route === 'count') {
				const counter = cache?.counter ?? defaultTextCounter();
				return answerCountTokens(res, body.value, counter, requestIdHeaders(record.seq));
			}
			await answerModelCall({
				format,
				req,
				res,
				record,
				body: body.value,
				queue,
				cache,
				onDecided: announce
			});
		} finally {
			announce();
		}
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			// A bug here must surface in the test that hit it, not hang the client.
			if (!res.headersSent) {
				sendJson(
					res,
					500,
					{ error: { message: `mock-model internal error: ${(error as Error).message}` } },
					requestIdHeaders(-1)
				);
			} else {
				res.destroy();
			}
		});
	});

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => {
			const hint =
				error.code === 'EADDRINUSE'
					? `port ${options.port} on ${host} is already in use; choose another port`
					: error.message;
			reject(new Error(`mock-model could not start: ${hint}.`, { cause: error }));
		});
		server.listen(options.port ?? 0, host, () => resolve());
	});

	const port = (server.address() as AddressInfo).port;
	const urlHost = host.includes(':') ? `[${host}]` : host;
	const url = `http://${urlHost}:${port}`;
	return {
		url,
		port,
		openaiBaseURL: `${url}/v1`,
		requests: () => structuredClone(log),
		tokenCounts: () => structuredClone(counts),
		setScript: (script) => queue.replace(parseScript(script)),
		setGitHub: (next) => {
			github = next;
		},
		reset,
		cache,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			})
	};
}
