/**
 * Runs task-tool subagents: each is a fresh Agent with its own in-memory session log, the tool
 * set and policy of its kind, and a smaller step limit. At most `maxParallel` work at once;
 * the rest wait their turn. Every subagent's live events are forwarded for the chat card, its
 * transcript handed to `store` when it ends, and its usage returned with the report so the
 * session counts its tokens and cost.
 */
import type { Provider, ProviderId, RetryOptions, Usage } from '../../providers';
import type { Runtime } from '../../runtime';
import {
	toolDefinition,
	type SubagentKind,
	type SubagentReport,
	type SubagentRequest,
	type ToolWorkspace
} from '../../tools';
import { Agent, type AgentOptions, type TurnResult } from '../agent';
import type { PermissionCheck, PermissionSetup } from '../permissions';
import { memorySessionLog } from '../session-log';
import type { LiveEvent, SessionEvent } from '../types';
import { subagentPolicy, subagentSystemText, subagentTools } from './profiles';
import { readOnlyRuntime, readOnlyWorkspace } from './read-only-guards';
import { createSemaphore } from './semaphore';
import { createWarmGate, shapedProvider, type WarmGate } from './shaped-provider';

export const DEFAULT_SUBAGENT_MAX_PARALLEL = 4;
export const DEFAULT_SUBAGENT_MAX_STEPS = 50;

export interface SubagentRunnerOptions {
	provider: Provider;
	providerId: ProviderId;
	model: string;
	workspace: ToolWorkspace;
	/** The CURRENT runtime, as for the Agent. */
	runtime: () => Runtime;
	/** Subagents working at once; later ones wait. Default 4. */
	maxParallel?: number;
	/** Model steps per subagent. Default 50. */
	maxSteps?: number;
	/** Output tokens per step (default: the Agent's). */
	maxTokens?: number;
	retry?: Partial<RetryOptions>;
	/** Live events of one subagent, for its card (the id is the task call's id when known). */
	onEvent?(subagentId: string, event: LiveEvent): void;
	/** The subagent's whole transcript, once it has ended. */
	store?(subagentId: string, events: readonly SessionEvent[]): void | Promise<void>;
	/**
	 * The parent's permissions (its mode, rules and way of asking): a general subagent's edits
	 * and commands are weighed, and asked about, exactly like the parent's own.
	 */
	permissions?: PermissionSetup;
	/** The IDE's preview: explore subagents may look at the page too (it changes nothing). */
	preview?: AgentOptions['preview'];
	screenshotTokens?: AgentOptions['screenshotTokens'];
}

export interface SubagentRunner {
	(request: SubagentRequest): Promise<SubagentReport>;
	/** Subagents working now and waiting for a slot. */
	stats(): { running: number; queued: number };
}

/**
 * `permission` is for the Agent to pass on to its tool runner. It is set here already so the
 * restriction holds through the policy as soon as the Agent forwards it; until then (and as a
 * second line of defence after) the filtered tool list and the read-only guards enforce it.
 */
type SubagentAgentOptions = AgentOptions & { permission?: PermissionCheck };

const ZERO: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export function createSubagentRunner(options: SubagentRunnerOptions): SubagentRunner {
	const semaphore = createSemaphore(options.maxParallel ?? DEFAULT_SUBAGENT_MAX_PARALLEL);
	const gates: Record<SubagentKind, WarmGate> = {
		explore: createWarmGate(),
		general: createWarmGate()
	};

	const run = async (request: SubagentRequest): Promise<SubagentReport> => {
		const id = request.toolCallId ?? crypto.randomUUID();
		const kind = request.agent;
		let release: () => void;
		try {
			release = await semaphore.acquire(request.signal);
		} catch {
			return {
				subagentId: id,
				agent: kind,
				report: '',
				reason: 'aborted',
				error: 'Stopped before the subagent started.',
				usage: { ...ZERO },
				model: options.model,
				steps: 0
			};
		}
		try {
			const log = memorySessionLog();
			const tools = subagentTools(kind);
			const agentOptions: SubagentAgentOptions = {
				provider: shapedProvider(options.provider, {
					toolNames: new Set(tools.map((tool) => tool.name)),
					systemText: subagentSystemText(kind),
					gate: gates[kind]
				}),
				providerId: options.providerId,
				model: options.model,
				workspace: kind === 'explore' ? readOnlyWorkspace(options.workspace) : options.workspace,
				runtime: kind === 'explore' ? () => readOnlyRuntime(options.runtime()) : options.runtime,
				log,
				maxSteps: options.maxSteps ?? DEFAULT_SUBAGENT_MAX_STEPS,
				...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
				...(options.retry ? { retry: options.retry } : {}),
				tools: tools.map(toolDefinition),
				permission: subagentPolicy(kind),
				...(options.preview ? { preview: options.preview } : {}),
				...(options.screenshotTokens ? { screenshotTokens: options.screenshotTokens } : {}),
				...(options.permissions ? { permissions: options.permissions } : {})
			};
			const agent = new Agent(agentOptions);
			const result = await agent.runTurn(request.prompt, {
				signal: request.signal,
				onEvent: (event) => options.onEvent?.(id, event)
			});
			await storeTranscript(options, id, log.events);
			return reportOf(id, kind, options.model, result, log.events);
		} finally {
			release();
		}
	};

	return Object.assign(run, {
		stats: () => ({ running: semaphore.running, queued: semaphore.queued })
	});
}

/** A storage failure must not lose the report the parent is waiting for. */
async function storeTranscript(
	options: SubagentRunnerOptions,
	id: string,
	events: readonly SessionEvent[]
): Promise<void> {
	try {
		await options.store?.(id, events);
	} catch (error) {
		console.warn(`Kiln could not store the transcript of subagent ${id}:`, error);
	}
}

function reportOf(
	id: string,
	kind: SubagentKind,
	model: string,
	result: TurnResult,
	events: readonly SessionEvent[]
): SubagentReport {
	const steps = events.filter((event) => event.type === 'assistant-step');
	return {
		subagentId: id,
		agent: kind,
		report: lastText(steps),
		reason: result.reason,
		...(result.error ? { error: result.error.message } : {}),
		usage: { ...result.usage },
		model,
		steps: steps.length
	};
}

/** The newest text the subagent wrote: its report, or what it had said when it was cut off. */
function lastText(steps: readonly Extract<SessionEvent, { type: 'assistant-step' }>[]): string {
	for (let i = steps.length - 1; i >= 0; i--) {
		const text = steps[i]!.message.content.flatMap((block) =>
			block.type === 'text' ? [block.text] : []
		)
			.join('\n')
			.trim();
		if (text !== '') return text;
	}
	return '';
}
