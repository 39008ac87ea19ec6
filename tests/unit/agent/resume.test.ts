import { describe, expect, it } from 'vitest';
import { Agent, memorySessionLog, type SessionEvent } from '../../../src/lib/agent';
import { nodeCapabilities } from '../../../src/lib/runtime/node/capabilities';
import type { Runtime } from '../../../src/lib/runtime/types';
import {
	FORMATS,
	assertValidConversation,
	lastToolResults,
	ofType,
	transcript,
	types,
	useAgentHarness
} from './harness';

describe.each(FORMATS)('sessions over several turns (%s)', (format) => {
	const setup = useAgentHarness();

	it('a new Agent over the same log continues the conversation', async () => {
		const h = await setup(format, [{ text: 'The answer is 4.' }, { text: 'It is 8.' }]);
		expect((await h.run('What is 2+2?')).reason).toBe('completed');

		const log = memorySessionLog(h.log.events);
		const resumed = new Agent({ ...h.options, log });
		const result = await resumed.runTurn('And doubled?', { signal: new AbortController().signal });
		expect(result.reason).toBe('completed');
		expect(ofType(log.events, 'session-start')).toHaveLength(1);
		expect(ofType(log.events, 'turn-end')).toHaveLength(2);

		const body = h.bodies()[1]!;
		assertValidConversation(format, body);
		expect(transcript(format, body).filter((line) => !line.startsWith('system'))).toEqual([
			'user: What is 2+2?',
			'assistant: The answer is 4.',
			'user: And doubled?'
		]);
		// The frozen environment is sent again byte for byte.
		const first = h.bodies()[0]!;
		expect(JSON.stringify(body.system ?? (body.messages as unknown[])[0])).toBe(
			JSON.stringify(first.system ?? (first.messages as unknown[])[0])
		);
	});

	it('keeps one session start and tells the model when the runtime changed', async () => {
		const h = await setup(format, [{ text: 'one' }, { text: 'two' }]);
		await h.run('First');
		// WebContainer took over: same files, new capabilities.
		const switched = new Proxy(h.runtime, {
			get: (target, property) =>
				property === 'capabilities' ? nodeCapabilities : Reflect.get(target, property, target)
		}) as Runtime;
		h.options.runtime = () => switched;
		await h.run('Second');

		expect(ofType(h.log.events, 'session-start')).toHaveLength(1);
		const [, second] = ofType(h.log.events, 'user-message');
		expect(second!.runtime).toBe('node');
		expect(second!.reminder).toMatch(/runtime changed[\s\S]*Node\.js is available/);
		const lines = transcript(format, h.bodies()[1]!);
		expect(lines.join('\n')).toMatch(/runtime changed[\s\S]*Second$/);
		// The system prompt (browser environment) is unchanged: the prefix stays cached.
		expect(lines.filter((line) => line.startsWith('system')).join('\n')).not.toContain(
			'Node.js is available'
		);
	});

	it('repairs a turn the page closed in the middle of', async () => {
		const cut: SessionEvent[] = [
			{
				type: 'session-start',
				at: 1,
				provider: format,
				model: 'mock-model',
				runtime: 'browser',
				environment: 'env'
			},
			{ type: 'user-message', id: 'u1', at: 2, text: 'Do two things' },
			{
				type: 'assistant-step',
				id: 's1',
				at: 3,
				step: 1,
				model: 'mock-model',
				stopReason: 'tool_use',
				usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
				message: {
					role: 'assistant',
					content: [
						{ type: 'tool_call', id: 'call_1', name: 'list', input: {} },
						{ type: 'tool_call', id: 'call_2', name: 'list', input: {} }
					]
				}
			},
			{
				type: 'tool-result',
				at: 4,
				toolCallId: 'call_1',
				name: 'list',
				ok: true,
				output: '.',
				durationMs: 1
			}
		];
		const h = await setup(format, [{ text: 'Back again.' }], { log: memorySessionLog(cut) });
		expect((await h.run('Are you there?')).reason).toBe('completed');

		expect(types(h.log.events).slice(4, 8)).toEqual([
			'tool-result',
			'turn-end',
			'user-message',
			'assistant-step'
		]);
		const repaired = ofType(h.log.events, 'tool-result')[1]!;
		expect(repaired).toMatchObject({ toolCallId: 'call_2', ok: false });
		expect(repaired.output).toMatch(/interrupted/);
		const body = h.bodies()[0]!;
		assertValidConversation(format, body);
		expect(lastToolResults(format, body).map((r) => r.id)).toEqual(['call_1', 'call_2']);
	});
});
