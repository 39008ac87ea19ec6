import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestSnapshot, SessionEvent } from '../../../../src/lib/agent/types';
import {
	loadSubagentGroups,
	requestKey,
	taskCalls
} from '../../../../src/lib/components/context/subagent-requests';
import { storeSubagentTranscript } from '../../../../src/lib/storage';
import { freshIndexedDb } from '../../storage/reset';

beforeEach(freshIndexedDb);

const snapshot: RequestSnapshot = {
	layers: [{ name: 'messages', tokens: 900, blocks: 2, breakpoint: true }],
	breakpoints: 1,
	estimatedInputTokens: 900,
	model: 'mock-model',
	maxTokens: 1000,
	kind: 'step',
	toolNames: ['read']
};
const usage = { inputTokens: 100, outputTokens: 20, cacheReadTokens: 800, cacheWriteTokens: 0 };
const request = (at: number, step = 1): SessionEvent => ({ type: 'request', at, step, snapshot });
const step = (at: number, content: unknown[]): SessionEvent =>
	({
		type: 'assistant-step',
		id: `s${at}`,
		at,
		step: 1,
		message: { role: 'assistant', content },
		stopReason: 'tool_use',
		usage,
		model: 'mock-model'
	}) as SessionEvent;
const task = (id: string, description: unknown) => ({
	type: 'tool_call',
	id,
	name: 'task',
	input: { description, prompt: 'look' }
});

/** The parent: a first request whose answer calls two tasks, then a second request. */
const parent: SessionEvent[] = [
	{ type: 'user-message', id: 'u1', at: 1, text: 'find both' },
	request(2),
	step(3, [
		task('call-a', 'Look at A'),
		{ type: 'tool_call', id: 'r', name: 'read', input: {} },
		task('call-b', 42)
	]),
	request(4, 2),
	step(5, [{ type: 'text', text: 'done' }])
];

describe('taskCalls', () => {
	it('finds each task call with the request whose answer made it', () => {
		expect(taskCalls(parent)).toEqual([
			{ toolCallId: 'call-a', description: 'Look at A', parentIndex: 1 },
			// A description that is not text (hostile or broken model output) reads as "Task".
			{ toolCallId: 'call-b', description: 'Task', parentIndex: 1 }
		]);
	});
});

describe('loadSubagentGroups', () => {
	it('reads each subagent’s stored transcript and lists its requests by step', async () => {
		await storeSubagentTranscript('session-1', 'call-a', [
			{ type: 'user-message', id: 'su', at: 10, text: 'look' },
			request(11, 1),
			step(12, [{ type: 'text', text: 'half' }]),
			request(13, 2),
			step(14, [{ type: 'text', text: 'report' }])
		]);
		const groups = await loadSubagentGroups('session-1', parent);
		expect(groups.map((group) => group.toolCallId)).toEqual(['call-a', 'call-b']);
		const [a, b] = groups;
		expect(a!.requests.map((r) => r.title)).toEqual(['Subagent step 1', 'Subagent step 2']);
		expect(a!.requests[0]!.cache).toMatchObject({ read: 800, uncached: 100, output: 20 });
		expect(a!.events).toHaveLength(5);
		// Not stored (still working): the task still shows, with no requests.
		expect(b!.requests).toEqual([]);
		expect(requestKey(a!.requests[1]!, a)).toBe('call-a:3');
		expect(requestKey(a!.requests[1]!)).toBe('3');
	});

	it('keeps the other tasks when one transcript cannot be read', async () => {
		const groups = await loadSubagentGroups('session-1', parent, {
			load: async (_session, id) => {
				if (id === 'call-a') throw new Error('IndexedDB is gone');
				return [request(20, 1)];
			}
		});
		expect(groups.map((group) => group.requests.length)).toEqual([0, 1]);
	});
});
