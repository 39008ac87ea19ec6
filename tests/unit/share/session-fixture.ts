import type { SessionEvent } from '../../../src/lib/agent';

const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** A small but complete turn: a question, a tool call with its result, an answer. */
export function sampleEvents(): SessionEvent[] {
	return [
		{
			type: 'session-start',
			at: 1,
			provider: 'anthropic',
			model: 'claude-test',
			runtime: 'browser'
		},
		{ type: 'user-message', id: 'u1', at: 2, text: 'Make the heading ```blue```, ünïcode ✓' },
		{
			type: 'assistant-step',
			id: 'a1',
			at: 3,
			step: 1,
			message: {
				role: 'assistant',
				content: [
					{ type: 'text', text: 'Reading the page first.' },
					{ type: 'tool_call', id: 't1', name: 'read', input: { path: 'index.html' } }
				]
			},
			stopReason: 'tool_use',
			usage,
			model: 'claude-test'
		},
		{
			type: 'tool-result',
			at: 4,
			toolCallId: 't1',
			name: 'read',
			ok: true,
			output: Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n'),
			durationMs: 3
		},
		{
			type: 'assistant-step',
			id: 'a2',
			at: 5,
			step: 2,
			message: { role: 'assistant', content: [{ type: 'text', text: 'Done: it is blue now.' }] },
			stopReason: 'end_turn',
			usage,
			model: 'claude-test'
		},
		{ type: 'turn-end', at: 6, reason: 'completed', usage }
	];
}
