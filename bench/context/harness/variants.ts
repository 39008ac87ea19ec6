/**
 * The ways each session is replayed. Kiln's agent runs in all of them; the variants change its
 * context policy, what the harness does to each request on its way out, and (for the pasted
 * project) which scripted calls the model needs to make at all.
 */
import type { ModelRequest } from '../../../src/lib/providers';
import type { ContextPolicy } from '../../../src/lib/agent';
import { renderProject, stripPasteCalls } from './paste';

export type VariantId = 'kiln' | 'no-clearing' | 'no-cache' | 'whole-project';

export interface Variant {
	id: VariantId;
	label: string;
	/** Agent options for this variant (context policy). */
	contextPolicy?: Partial<ContextPolicy>;
	/** The project is pasted into the prompt: calls that only look at it are not made (paste.ts). */
	pastesProject?: boolean;
	/** Rewrites a request before it is sent; `projectFiles` reads the project as it is now. */
	shape(
		request: ModelRequest,
		projectFiles: () => Promise<[string, string][]>
	): Promise<ModelRequest>;
}

/** Clearing and compaction never trigger: the whole-project harness keeps everything. */
const NEVER: Partial<ContextPolicy> = { clearAtShare: 1_000, compactMarginShare: -1_000 };

/** No clearing can free enough to be worth it, so none happens; compaction is untouched. */
export const NO_CLEARING: Partial<ContextPolicy> = {
	minClearTokens: Number.POSITIVE_INFINITY,
	minClearShare: Number.POSITIVE_INFINITY
};

export const VARIANTS: Variant[] = [
	{
		id: 'kiln',
		label: 'Kiln (as built)',
		shape: async (request) => request
	},
	{
		id: 'no-clearing',
		label: 'Kiln with clearing off (compaction as usual)',
		contextPolicy: NO_CLEARING,
		shape: async (request) => request
	},
	{
		id: 'no-cache',
		label: 'Kiln without cache markers',
		shape: async (request) => stripCacheMarkers(request)
	},
	{
		id: 'whole-project',
		label:
			'Whole project (current files) in a cache-marked system block; nothing it holds is read again; no clearing or compaction',
		contextPolicy: NEVER,
		pastesProject: true,
		shape: async (request, projectFiles) => pasteProject(request, await projectFiles())
	}
];

/**
 * Kiln's system blocks, then the project in a block of its own with a cache marker, after
 * everything that never changes (an edit rewrites the project block and all after it, never
 * the tools and system prompt). Kiln's earlier system markers but the last are dropped so the
 * request keeps to the API's four: the static prefix, the project, Kiln's two moving ones.
 */
export function pasteProject(request: ModelRequest, files: [string, string][]): ModelRequest {
	const stripped = stripPasteCalls(request);
	const system = stripped.system.map((block, index) =>
		index === stripped.system.length - 1 ? { ...block, cache: {} } : withoutCache(block)
	);
	return { ...stripped, system: [...system, { text: renderProject(files), cache: {} }] };
}

function withoutCache<T extends { cache?: unknown }>(block: T): T {
	const { cache: _dropped, ...rest } = block;
	return rest as T;
}

export function stripCacheMarkers(request: ModelRequest): ModelRequest {
	return {
		...request,
		tools: request.tools.map(withoutCache),
		system: request.system.map(withoutCache),
		messages: request.messages.map((message) =>
			message.role === 'user'
				? { ...message, content: message.content.map(withoutCache) }
				: {
						...message,
						content: message.content.map((block) =>
							'cache' in block ? withoutCache(block) : block
						)
					}
		) as ModelRequest['messages']
	};
}
