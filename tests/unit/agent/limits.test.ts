import { describe, expect, it } from 'vitest';
import {
	FORMATS,
	assertValidConversation,
	lastToolResults,
	ofType,
	useAgentHarness
} from './harness';

const missing = (name: string) => ({ name: 'read', input: { path: `missing-${name}.txt` } });

describe.each(FORMATS)('limits and bad calls (%s)', (format) => {
	const setup = useAgentHarness();

	it('stops after 5 failing tool calls in a row and says why', async () => {
		const h = await setup(format, [
			{ toolCalls: [missing('1'), missing('2'), missing('3')] },
			{ toolCalls: [missing('4'), missing('5')] },
			{ text: 'never requested' }
		]);
		const result = await h.run('Read some files');

		expect(result.reason).toBe('failure-limit');
		expect(result.error?.message).toMatch(/last 5 tool calls failed in a row.*send a message/);
		expect(h.bodies()).toHaveLength(2);
		const results = ofType(h.log.events, 'tool-result');
		expect(results).toHaveLength(5);
		expect(results.every((r) => !r.ok)).toBe(true);
		expect(ofType(h.log.events, 'turn-end')[0]).toMatchObject({
			reason: 'failure-limit',
			error: result.error
		});
		expect(h.log.events.at(-1)!.type).toBe('turn-end');
	});

	it('counts only failures in a row: a success resets the count', async () => {
		const h = await setup(
			format,
			[
				{ toolCalls: [missing('1'), missing('2'), missing('3'), missing('4')] },
				{ toolCalls: [{ name: 'read', input: { path: 'a.txt' } }] },
				{ toolCalls: [missing('5'), missing('6'), missing('7'), missing('8')] },
				{ text: 'Done.' }
			],
			{ files: { 'a.txt': 'alpha\n' } }
		);
		expect((await h.run('Go')).reason).toBe('completed');
	});

	it('stops at the step limit with the log complete', async () => {
		const list = { toolCalls: [{ name: 'list', input: {} }] };
		const h = await setup(format, [list, list, list, { text: 'never requested' }], {
			agent: { maxSteps: 2 }
		});
		const result = await h.run('Keep listing');

		expect(result.reason).toBe('step-limit');
		expect(result.error?.message).toMatch(/after 2 steps/);
		expect(h.bodies()).toHaveLength(2);
		expect(ofType(h.log.events, 'assistant-step')).toHaveLength(2);
		expect(ofType(h.log.events, 'tool-result')).toHaveLength(2);

		await h.run('Go on');
		assertValidConversation(format, h.bodies()[2]!);
	});

	it('answers an unknown tool, malformed JSON and invalid arguments with tool errors', async () => {
		const h = await setup(
			format,
			[
				{
					toolCalls: [
						{ name: 'frobnicate', input: { x: 1 } },
						{ name: 'read', arguments: '{"path": "a.txt", ' },
						{ name: 'read', input: { path: 42 } }
					]
				},
				{ text: 'Sorry about that.' }
			],
			{ files: { 'a.txt': 'alpha\n' } }
		);
		const result = await h.run('Try things');

		expect(result.reason).toBe('completed');
		const results = ofType(h.log.events, 'tool-result');
		expect(results.map((r) => r.ok)).toEqual([false, false, false]);
		const body = h.bodies()[1]!;
		assertValidConversation(format, body);
		const wire = lastToolResults(format, body);
		expect(wire).toHaveLength(3);
		expect(wire[0]!.content).toMatch(/no tool named 'frobnicate'.*read, write/);
		expect(wire[1]!.content).toMatch(/not valid JSON/);
		expect(wire[2]!.content).toMatch(/path/);
		if (format === 'anthropic') expect(wire.every((r) => r.isError)).toBe(true);
		// The call with broken arguments is sent back with an empty input, so the API accepts it.
		const [step] = ofType(h.log.events, 'assistant-step');
		expect(step!.message.content[1]).toMatchObject({ type: 'tool_call', name: 'read', input: {} });
	});
});
