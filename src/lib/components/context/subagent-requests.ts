/**
 * The requests subagents made, for the context inspector: each task call of the session with the
 * requests of the subagent it started, read from that subagent's own transcript (stored beside
 * the session when it ends), placed under the request whose answer called the task.
 */
import type { ModelInfo, SessionEvent } from '$lib/state/agent-view';
import { modelInfo } from '$lib/state/agent-view';
import { loadSubagentTranscript } from '$lib/storage';
import { inspectRequests, type InspectedRequest } from './inspector-model';

export interface TaskCall {
	readonly toolCallId: string;
	readonly description: string;
	/** Index of the request whose answer made the call (-1 when none was logged before it). */
	readonly parentIndex: number;
}

export interface SubagentGroup extends TaskCall {
	/** The subagent's transcript, which its requests are rebuilt from. */
	readonly events: readonly SessionEvent[];
	readonly requests: readonly InspectedRequest[];
}

/** Every task call in the session's log, in order. */
export function taskCalls(events: readonly SessionEvent[]): TaskCall[] {
	const calls: TaskCall[] = [];
	let parentIndex = -1;
	events.forEach((event, index) => {
		if (event.type === 'request') parentIndex = index;
		if (event.type !== 'assistant-step') return;
		for (const block of event.message.content) {
			if (block.type !== 'tool_call' || block.name !== 'task') continue;
			const description = block.input['description'];
			calls.push({
				toolCallId: block.id,
				description: typeof description === 'string' && description.trim() ? description : 'Task',
				parentIndex
			});
		}
	});
	return calls;
}

/**
 * Each task call with its subagent's requests. A transcript that is not stored yet (the subagent
 * is still working) or cannot be read gives an empty group: the task still shows.
 */
export async function loadSubagentGroups(
	sessionId: string,
	events: readonly SessionEvent[],
	{
		load = loadSubagentTranscript,
		lookup = modelInfo
	}: {
		load?: (sessionId: string, subagentId: string) => Promise<SessionEvent[]>;
		lookup?: (model: string) => ModelInfo;
	} = {}
): Promise<SubagentGroup[]> {
	return Promise.all(
		taskCalls(events).map(async (call) => {
			const transcript = await load(sessionId, call.toolCallId).catch(() => []);
			const requests = inspectRequests(transcript, lookup, { subagent: true });
			return { ...call, events: transcript, requests };
		})
	);
}

/** The key a listed request is picked by: its index, prefixed by its task for a subagent's. */
export function requestKey(request: InspectedRequest, group?: TaskCall): string {
	return group ? `${group.toolCallId}:${request.index}` : String(request.index);
}
