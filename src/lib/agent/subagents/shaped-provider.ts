/**
 * The provider a subagent talks through. It shapes each request the subagent's loop builds:
 * only the subagent's tools (filtered, so still in the fixed order), and the subagent's
 * instructions as a last system block carrying the system breakpoint, so all subagents of a
 * kind share one cached prefix (tools → system → environment → subagent text).
 *
 * It also holds back the other subagents of a kind until the first one's first response has
 * started streaming: a cache entry exists only from then on, and subagents started together
 * would otherwise all pay for writing the same prefix.
 */
import type {
	ModelRequest,
	Provider,
	StreamEvent,
	SystemBlock,
	ToolDefinition
} from '../../providers';

export interface ShapeOptions {
	toolNames: ReadonlySet<string>;
	systemText: string;
	/** Shared by the subagents of one kind; see createWarmGate. */
	gate: WarmGate;
}

export interface WarmGate {
	/** Resolves when a request may go (at once for the first, later for the others). */
	enter(): { ready: Promise<void>; opened: () => void };
}

/** How long the others wait at most for the first response (a slow API must not serialise them). */
const MAX_WARM_WAIT_MS = 5_000;

export function createWarmGate(maxWaitMs = MAX_WARM_WAIT_MS): WarmGate {
	let first: Promise<void> | undefined;
	return {
		enter() {
			if (first) return { ready: first, opened: () => {} };
			let resolve!: () => void;
			first = new Promise((done) => (resolve = done));
			const timer = setTimeout(() => resolve(), maxWaitMs);
			const opened = () => {
				clearTimeout(timer);
				resolve();
			};
			return { ready: Promise.resolve(), opened };
		}
	};
}

export function shapeRequest(request: ModelRequest, options: ShapeOptions): ModelRequest {
	const markTools = request.tools.some((tool) => tool.cache);
	const tools: ToolDefinition[] = request.tools
		.filter((tool) => options.toolNames.has(tool.name))
		.map((tool) => withoutCache(tool));
	const lastTool = tools.at(-1);
	if (markTools && lastTool) lastTool.cache = {};

	const markSystem = request.system.some((block) => block.cache);
	const system: SystemBlock[] = request.system.map((block) => withoutCache(block));
	system.push(markSystem ? { text: options.systemText, cache: {} } : { text: options.systemText });
	return { ...request, tools, system };
}

function withoutCache<T extends { cache?: unknown }>(item: T): T {
	const copy = { ...item };
	delete copy.cache;
	return copy;
}

export function shapedProvider(inner: Provider, options: ShapeOptions): Provider {
	return {
		id: inner.id,
		family: inner.family,
		listModels: (signal) => inner.listModels(signal),
		stream: (request) => stream(inner, shapeRequest(request, options), options.gate)
	};
}

async function* stream(
	inner: Provider,
	request: ModelRequest,
	gate: WarmGate
): AsyncGenerator<StreamEvent> {
	const { ready, opened } = gate.enter();
	try {
		await ready;
		for await (const event of inner.stream(request)) {
			opened();
			yield event;
		}
	} finally {
		// A failed or empty first request must not hold the others back.
		opened();
	}
}
