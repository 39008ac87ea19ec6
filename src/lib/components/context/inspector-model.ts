/**
 * What the context inspector shows, as plain data: each request of a session with its layers,
 * breakpoints, cache use and cost. Pure, so it is tested without a browser.
 */
import {
	cacheReadShare,
	costOf,
	modelInfo,
	rebuildRequest,
	sessionRequests,
	type ModelInfo,
	type RequestLayerName,
	type RequestSnapshot,
	type SessionEvent
} from '$lib/state/agent-view';
import { formatTokens } from '$lib/state/chat';
import { messageOf } from '$lib/errors';
import type { Usage } from '$lib/providers';

export const LAYER_LABELS: Record<RequestLayerName, string> = {
	tools: 'Tools',
	system: 'System prompt',
	session: 'Session context',
	messages: 'Messages'
};

export interface LayerRow {
	readonly name: RequestLayerName;
	readonly label: string;
	readonly tokens: number;
	readonly blocks: number;
	/** Share of the request's estimated input, 0..1 (for the bar). */
	readonly share: number;
	readonly breakpoint: boolean;
}

export interface CacheUse {
	readonly read: number;
	readonly written: number;
	readonly uncached: number;
	readonly output: number;
	/** read + written + uncached: what the API counted as input. */
	readonly input: number;
	/** read / input. */
	readonly readShare: number;
	readonly costUsd: number;
	readonly costKnown: boolean;
}

export interface InspectedRequest {
	/** Index of the 'request' event in the log (what rebuildRequest takes). */
	readonly index: number;
	readonly at: number;
	/** "Turn 3, step 2" or "Compaction (turn 3)". */
	readonly title: string;
	readonly kind: RequestSnapshot['kind'];
	readonly focus?: string;
	readonly model: string;
	readonly estimatedInputTokens: number;
	/** Counted at about four characters a token (the tokenizer was still loading). */
	readonly rough: boolean;
	readonly breakpoints: number;
	readonly layers: readonly LayerRow[];
	/** Images the messages carried as images, and their token cost (part of the messages layer). */
	readonly images?: { readonly count: number; readonly tokens: number };
	/** Undefined when no answer was stored (the request failed or was stopped). */
	readonly cache?: CacheUse;
}

/**
 * The requests of one log. `subagent`: the log is a subagent's (one task, no turns of its own),
 * so its requests are titled by step alone.
 */
export function inspectRequests(
	events: readonly SessionEvent[],
	lookup: (model: string) => ModelInfo = modelInfo,
	{ subagent = false }: { subagent?: boolean } = {}
): InspectedRequest[] {
	const turnAt = turnNumbers(events);
	return sessionRequests(events).map(({ index, at, step, snapshot }) => {
		const turn = turnAt[index] ?? 0;
		const title =
			snapshot.kind === 'compaction'
				? turn > 0
					? `Compaction (after turn ${turn})`
					: 'Compaction'
				: subagent
					? `Subagent step ${step}`
					: `Turn ${turn}, step ${step}`;
		const total = snapshot.estimatedInputTokens;
		const layers = snapshot.layers.map((layer): LayerRow => ({
			name: layer.name,
			label: LAYER_LABELS[layer.name],
			tokens: layer.tokens,
			blocks: layer.blocks,
			share: total > 0 ? layer.tokens / total : 0,
			breakpoint: layer.breakpoint
		}));
		return {
			index,
			at,
			title,
			kind: snapshot.kind,
			...(snapshot.focus ? { focus: snapshot.focus } : {}),
			model: snapshot.model,
			estimatedInputTokens: total,
			rough: snapshot.rough === true,
			breakpoints: snapshot.breakpoints,
			layers,
			...(snapshot.images ? { images: snapshot.images } : {}),
			...(snapshot.usage ? { cache: cacheUse(snapshot.usage, lookup(snapshot.model)) } : {})
		};
	});
}

export function cacheUse(usage: Usage, info: ModelInfo): CacheUse {
	return {
		read: usage.cacheReadTokens,
		written: usage.cacheWriteTokens,
		uncached: usage.inputTokens,
		output: usage.outputTokens,
		input: usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens,
		readShare: cacheReadShare(usage),
		costUsd: costOf(usage, info),
		costKnown: info.known
	};
}

/** One line for the request list: "Turn 3, step 2 · 42k tokens · 91% cached". */
export function requestLine(request: InspectedRequest): string {
	const tokens = request.cache?.input ?? request.estimatedInputTokens;
	const parts = [request.title, `${formatTokens(tokens)} tokens`];
	if (request.cache) parts.push(`${Math.round(request.cache.readShare * 100)}% cached`);
	else parts.push('no answer stored');
	return parts.join(' · ');
}

/** The request as JSON for "Show request": the AbortSignal is no part of what was sent. */
export function requestJson(request: unknown): string {
	return JSON.stringify(request, (key, value) => (key === 'signal' ? undefined : value), 2);
}

/**
 * "Show request": the request at `index` rebuilt from the log, or why it could not be (the
 * rebuilder loads with the agent's code, so this waits for it the first time).
 */
export async function rebuiltRequestJson(
	events: readonly SessionEvent[],
	index: number
): Promise<string> {
	try {
		return requestJson(await rebuildRequest(events, index));
	} catch (error) {
		return `The request could not be rebuilt: ${messageOf(error)}`;
	}
}

/**
 * Shows the rebuilt request once it is ready (the agent's code may still be loading); returns
 * what stops a late answer from showing after the selection changed.
 */
export function showRebuilt(
	events: readonly SessionEvent[],
	index: number,
	show: (json: string) => void
): () => void {
	let current = true;
	void rebuiltRequestJson(events, index).then((json) => {
		if (current) show(json);
	});
	return () => {
		current = false;
	};
}

/** For each event index, the number of the turn it belongs to (1-based; 0 before any). */
function turnNumbers(events: readonly SessionEvent[]): number[] {
	const numbers: number[] = [];
	let turn = 0;
	for (const event of events) {
		if (event.type === 'user-message') turn++;
		numbers.push(turn);
	}
	return numbers;
}

/**
 * The line under a request's title: model, estimate (rough while the tokenizer was loading),
 * cache breakpoints, a compaction's focus, and the images the messages carried.
 */
export function requestMeta(request: InspectedRequest): string {
	const parts = [
		request.model,
		`~${formatTokens(request.estimatedInputTokens)} tokens estimated before sending` +
			(request.rough ? ' (roughly: the tokenizer was still loading)' : ''),
		`${request.breakpoints} cache breakpoint${request.breakpoints === 1 ? '' : 's'}`
	];
	if (request.focus) parts.push(`focus “${request.focus}”`);
	const images = request.images;
	if (images) {
		const count = `${images.count} image${images.count === 1 ? '' : 's'}`;
		parts.push(`${count}, ~${formatTokens(images.tokens)} tokens of the messages`);
	}
	return parts.join(' · ');
}
