/**
 * Finding a local model server from the page: Ollama (GET /api/tags) and LM Studio (GET
 * /v1/models) answer on localhost. A browser reports a server that refuses the page (no CORS
 * headers) and one that is not running with the same TypeError, so a refused probe is asked again
 * without CORS: an opaque answer means something is listening and only the CORS setting is
 * missing; a second failure means nothing answered. Each outcome says what to do next.
 */
import { getPreset } from './presets';
import {
	probeUrl,
	serverRoot,
	type LocalProviderId,
	type ProbeOptions,
	type ProbeOutcome
} from './local-server';

// Its tests and older callers read the server's addresses from here too.
export * from './local-server';

/** Asks the server for its models; never throws except for an abort. */
export async function probeLocalServer(
	provider: LocalProviderId,
	baseUrl: string | undefined,
	{ origin, signal, fetch: fetchImpl = globalThis.fetch.bind(globalThis) }: ProbeOptions
): Promise<ProbeOutcome> {
	const label = getPreset(provider).label;
	const root = serverRoot(provider, baseUrl);
	let url: string;
	try {
		url = new URL(probeUrl(provider, baseUrl)).href;
	} catch {
		return {
			status: 'invalid',
			message: `“${root}” is not an address: enter one like ${getPreset(provider).defaultBaseUrl?.replace(/\/v1$/, '')}.`
		};
	}
	let response: Response;
	try {
		response = await fetchImpl(url, { signal, headers: { accept: 'application/json' } });
	} catch (error) {
		if (signal?.aborted) throw error;
		const answered = await fetchImpl(url, { signal, mode: 'no-cors' }).then(
			() => true,
			() => false
		);
		if (signal?.aborted) throw error;
		return answered
			? { status: 'refused', message: refusedAdvice(provider, root, origin) }
			: { status: 'unreachable', message: startAdvice(provider, root, origin) };
	}
	if (!response.ok) {
		return {
			status: 'invalid',
			message:
				`${label} at ${root} answered ${response.status} ${response.statusText}`.trim() +
				`. Check that this address is ${label}’s server.`
		};
	}
	const models = modelIds(provider, await response.json().catch(() => undefined));
	if (models === undefined) {
		return {
			status: 'invalid',
			message: `Something answered at ${root}, but not with ${label}’s model list. Check the address.`
		};
	}
	return {
		status: 'found',
		models,
		message:
			models.length === 0
				? emptyAdvice(provider)
				: `${label} is running with ${models.length} ${models.length === 1 ? 'model' : 'models'}.`
	};
}

/** The ids in the answer, or undefined when it is not a model list (any server may answer). */
function modelIds(provider: LocalProviderId, body: unknown): string[] | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const list = (body as Record<string, unknown>)[provider === 'ollama' ? 'models' : 'data'];
	if (!Array.isArray(list)) return undefined;
	const ids = list
		.map((entry: unknown) => {
			if (typeof entry !== 'object' || entry === null) return undefined;
			const fields = entry as Record<string, unknown>;
			const id = provider === 'ollama' ? (fields.model ?? fields.name) : fields.id;
			return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
		})
		.filter((id): id is string => id !== undefined);
	return [...new Set(ids)];
}

function refusedAdvice(provider: LocalProviderId, root: string, origin: string): string {
	return provider === 'ollama'
		? `Ollama answered at ${root} but refused this page (CORS). Quit Ollama and start it with OLLAMA_ORIGINS set to this page’s origin: OLLAMA_ORIGINS="${origin}" ollama serve — then detect again.`
		: `LM Studio answered at ${root} but refused this page (CORS). In LM Studio’s Developer tab, open the server settings, switch on “Enable CORS”, restart the server, then detect again.`;
}

function startAdvice(provider: LocalProviderId, root: string, origin: string): string {
	return provider === 'ollama'
		? `Nothing answered at ${root}. Start Ollama so it allows this page: OLLAMA_ORIGINS="${origin}" ollama serve (install it from ollama.com first), then detect again.`
		: `Nothing answered at ${root}. In LM Studio’s Developer tab, start the server (or run “lms server start”) with “Enable CORS” switched on, then detect again.`;
}

function emptyAdvice(provider: LocalProviderId): string {
	return provider === 'ollama'
		? 'Ollama is running but has no models yet: pull one (for example “ollama pull qwen2.5-coder”), then detect again.'
		: 'LM Studio is running but lists no models: download or load one in LM Studio, then detect again.';
}
