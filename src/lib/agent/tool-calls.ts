/**
 * Runs the tool calls of one model step. Calls keep the model's order in the results; a run of
 * consecutive read-only calls executes in parallel, and a call that changes something waits
 * for everything before it and runs alone, so a read the model placed after a write sees it.
 * Consecutive calls of a `parallel` tool (task: each is its own subagent) also run together;
 * the subagent runner's own limit caps how many work at once.
 *
 * The permission layer (mode, rules, the person's answer, a subagent's limits) is asked here,
 * on the parsed arguments and before anything runs: a refused or denied call comes back as a
 * tool error with the reason. A call waiting for the person's answer holds back the calls after
 * it, like any call that changes something.
 */
import type { ToolCallEndEvent } from '../providers';
import type { Runtime } from '../runtime';
import {
	getTool,
	parseToolArgs,
	runTool,
	type PreviewPort,
	type ReadTracker,
	type SubagentReport,
	type SubagentRequest,
	type TodoItem,
	type Tool,
	type ToolContext,
	type ToolResult,
	type ToolWorkspace
} from '../tools';
import type { PermissionCheck } from './permissions';
import type { LiveEvent, SessionEvent } from './types';
import { messageOf } from '../errors';

export type ToolResultEvent = Extract<SessionEvent, { type: 'tool-result' }>;

export const CANCELLED_TEXT = 'Cancelled: the person stopped the turn before this ran.';

/** What the model hears about a tool that ignored Stop for longer than the grace period. */
export const STOPPED_TEXT =
	'Stopped: the person stopped the turn while this was running. It may have partly run; check its effects before relying on them.';

/** How long a running tool gets to wind down by itself after Stop (bash reports its output). */
const ABORT_GRACE_MS = 1000;

export interface ToolCallsOptions {
	workspace: ToolWorkspace;
	runtime: Runtime;
	readTracker: ReadTracker;
	signal: AbortSignal;
	emit: (event: LiveEvent) => void;
	onTodos: (todos: readonly TodoItem[]) => void;
	/** Persists one result; called in the model's order, each awaited before the next. */
	persist: (event: ToolResultEvent) => Promise<void>;
	/** Asked before each call runs (mode, rules, the person); absent allows everything. */
	permission?: PermissionCheck;
	/** Starts a subagent for the task tool; absent inside subagents. */
	runSubagent?: (request: SubagentRequest) => Promise<SubagentReport>;
	/** The IDE's preview (the preview tool); absent where there is none. */
	preview?: PreviewPort;
	/** The screenshot budget now (a setting). */
	screenshotTokens?: () => number;
	/** The tools that may run: those the model was given. Default: the core tools. */
	tools?: readonly Tool[];
}

export async function runToolCalls(
	calls: readonly ToolCallEndEvent[],
	options: ToolCallsOptions
): Promise<ToolResultEvent[]> {
	const results: (ToolResultEvent | undefined)[] = calls.map(() => undefined);
	const settled: ToolResultEvent[] = [];
	let flushed = 0;
	let flushing = Promise.resolve();
	// Results are persisted in the model's order as soon as all earlier ones are in.
	const flush = () => {
		flushing = flushing.then(async () => {
			while (flushed < results.length && results[flushed] !== undefined) {
				const event = results[flushed]!;
				flushed++;
				settled.push(event);
				await options.persist(event);
			}
		});
		return flushing;
	};
	const runOne = async (index: number) => {
		results[index] = await executeCall(calls[index]!, options);
		await flush();
	};

	let batch: number[] = [];
	let batchGroup: ParallelGroup | undefined;
	const runBatch = async () => {
		const current = batch;
		batch = [];
		batchGroup = undefined;
		await Promise.all(current.map(runOne));
	};
	for (let index = 0; index < calls.length; index++) {
		const group = parallelGroup(calls[index]!, options.tools);
		if (group !== undefined && (batchGroup === undefined || batchGroup === group)) {
			batch.push(index);
			batchGroup = group;
			continue;
		}
		await runBatch();
		if (group !== undefined) {
			batch.push(index);
			batchGroup = group;
		} else await runOne(index);
	}
	await runBatch();
	await flushing;
	return settled;
}

/**
 * Which calls may run together: read-only tools and calls that will only produce an error
 * (they touch nothing) form one group, `parallel` tools another; undefined runs alone. Groups
 * do not mix, so a subagent that writes never races a read placed before or after it.
 */
type ParallelGroup = 'read' | 'independent';

function parallelGroup(
	call: ToolCallEndEvent,
	tools: readonly Tool[] | undefined
): ParallelGroup | undefined {
	if (call.parseError !== undefined) return 'read';
	const tool = getTool(call.name, tools);
	if (tool === undefined || tool.readOnly) return 'read';
	return tool.parallel ? 'independent' : undefined;
}

/** The policy's refusal for this call, or undefined when it may run (or will fail validation). */
async function refusal(
	call: ToolCallEndEvent,
	options: ToolCallsOptions
): Promise<string | undefined> {
	if (!options.permission) return undefined;
	// Judged as a core tool: the policy's refusal ("explore subagents may not write") says more
	// than "no such tool" would.
	const tool = getTool(call.name);
	if (!tool) return undefined;
	const parsed = parseToolArgs(tool, call.input);
	if (!parsed.ok) return undefined; // runTool reports the bad arguments
	const decision = await options.permission(tool.name, parsed.args, {
		toolCallId: call.id,
		summary: tool.summarize(parsed.args),
		signal: options.signal
	});
	return decision.allowed ? undefined : decision.reason;
}

async function executeCall(
	call: ToolCallEndEvent,
	options: ToolCallsOptions
): Promise<ToolResultEvent> {
	const startedAt = Date.now();
	const finish = (result: ToolResult): ToolResultEvent => ({
		type: 'tool-result',
		at: Date.now(),
		toolCallId: call.id,
		name: call.name,
		ok: result.ok,
		output: result.output,
		...(result.metadata ? { metadata: result.metadata } : {}),
		durationMs: Date.now() - startedAt
	});
	if (options.signal.aborted) return finish({ ok: false, output: CANCELLED_TEXT });
	if (call.parseError !== undefined) return finish({ ok: false, output: call.parseError });
	const refused = await refusal(call, options);
	if (refused !== undefined)
		return finish({ ok: false, output: refused, metadata: { refused: true } });

	const { runSubagent } = options;
	const ctx: ToolContext = {
		workspace: options.workspace,
		runtime: options.runtime,
		readTracker: options.readTracker,
		signal: options.signal,
		onProgress: (text) => options.emit({ type: 'tool-progress', id: call.id, text }),
		onTodos: (todos) => {
			options.emit({ type: 'todos', todos });
			options.onTodos(todos);
		},
		...(runSubagent
			? {
					runSubagent: (request: SubagentRequest) =>
						runSubagent({ ...request, toolCallId: call.id })
				}
			: {}),
		...(options.preview ? { preview: options.preview } : {}),
		...(options.screenshotTokens ? { screenshotTokens: options.screenshotTokens() } : {})
	};
	const running = runTool(call.name, call.input, ctx, { tools: options.tools }).then((result) =>
		saved(result, call, options.workspace)
	);
	// After the call: runTool has started the tool, so a Stop from here on reaches it.
	options.emit({ type: 'tool-running', id: call.id, startedAt });
	return finish(await untilStopped(running, options.signal));
}

/**
 * A call that may have changed files is done only once those changes are in the browser's
 * storage: the log records its result as done, so a crash right after must not lose them (the
 * workspace saves in the background, in another database than the log). A failed save makes
 * the result a failure that says so, rather than a success the files do not bear out.
 */
async function saved(
	result: ToolResult,
	call: ToolCallEndEvent,
	workspace: ToolWorkspace
): Promise<ToolResult> {
	if (!workspace.flush || getTool(call.name)?.readOnly) return result;
	try {
		await workspace.flush();
		return result;
	} catch (error) {
		const message = messageOf(error);
		return { ...result, ok: false, output: `${result.output}\n\n${message}` };
	}
}

/**
 * The tool's own result, unless Stop came and the tool did not end within the grace period:
 * then the turn moves on (Stop must feel immediate) and the tool's late result is ignored.
 */
function untilStopped(running: Promise<ToolResult>, signal: AbortSignal): Promise<ToolResult> {
	return new Promise((resolve) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const onAbort = () => {
			timer = setTimeout(
				() => resolve({ ok: false, output: STOPPED_TEXT, metadata: { aborted: true } }),
				ABORT_GRACE_MS
			);
		};
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
		running.then(
			(result) => {
				clearTimeout(timer);
				signal.removeEventListener('abort', onAbort);
				resolve(result);
			},
			(error: unknown) => {
				// runTool never throws; this guards against a bug turning into a hung turn.
				clearTimeout(timer);
				signal.removeEventListener('abort', onAbort);
				const message = messageOf(error);
				resolve({
					ok: false,
					output: `The tool failed unexpectedly: ${message}. Try another approach.`
				});
			}
		);
	});
}
