/**
 * The three ways each session is replayed. Kiln's request builder runs in all three; the
 * baselines change only what the harness does to each request on its way out.
 */
import type { ModelRequest } from '../../../src/lib/providers';
import type { ContextPolicy } from '../../../src/lib/agent';

export type VariantId = 'kiln' | 'no-cache' | 'whole-project';

export interface Variant {
	id: VariantId;
	label: string;
	/** Agent options for this variant (context policy). */
	contextPolicy?: Partial<ContextPolicy>;
	/** Rewrites a request before it is sent; `projectFiles` reads the project as it is now. */
	shape(
		request: ModelRequest,
		projectFiles: () => Promise<[string, string][]>
	): Promise<ModelRequest>;
}

/** Clearing and compaction never trigger: the naive agents keep everything. */
const NEVER: Partial<ContextPolicy> = { clearAtShare: 1_000, compactMarginShare: -1_000 };

export const VARIANTS: Variant[] = [
	{
		id: 'kiln',
		label: 'Kiln (as built)',
		shape: async (request) => request
	},
	{
		id: 'no-cache',
		label: 'Kiln without cache markers',
		shape: async (request) => stripCacheMarkers(request)
	},
	{
		id: 'whole-project',
		label: 'Whole project in every prompt',
		contextPolicy: NEVER,
		shape: async (request, projectFiles) => ({
			...request,
			system: [{ text: renderProject(await projectFiles()) }, ...request.system]
		})
	}
];

export function stripCacheMarkers(request: ModelRequest): ModelRequest {
	const strip = <T extends { cache?: unknown }>(block: T): T => {
		const { cache: _dropped, ...rest } = block;
		return rest as T;
	};
	return {
		...request,
		tools: request.tools.map(strip),
		system: request.system.map(strip),
		messages: request.messages.map((message) =>
			message.role === 'user'
				? { ...message, content: message.content.map(strip) }
				: {
						...message,
						content: message.content.map((block) => ('cache' in block ? strip(block) : block))
					}
		) as ModelRequest['messages']
	};
}

/** Every file as the naive agents paste them: path headings and fenced contents. */
export function renderProject(files: [string, string][]): string {
	const parts = files.map(([path, text]) => `## ${path}\n\n\`\`\`\n${text}\n\`\`\``);
	return `# The project's files (current contents)\n\n${parts.join('\n\n')}`;
}
