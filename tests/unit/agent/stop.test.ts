import { describe, expect, it } from 'vitest';
import { CANCELLED_TEXT, type LiveEvent } from '../../../src/lib/agent';
import { splitArguments, splitText } from '../../../tooling/mock-model/turn-plan';
import {
	FORMATS,
	assertValidConversation,
	lastToolResults,
	ofType,
	transcript,
	types,
	useAgentHarness,
	type Format
} from './harness';

/**
 * The number of SSE events the scripted server sends for a text + tool calls turn up to the
 * last tool call's end, so a stall placed there leaves the calls complete and the response open
 * (Anthropic: before message_delta; OpenAI: after the finish chunk, before usage).
 */
function chunksThroughToolCalls(
	format: Format,
	text: string,
	chunkSize: number,
	inputs: Record<string, unknown>[]
): number {
	const textPieces = splitText(text, chunkSize).length;
	const argPieces = inputs.map((input) => splitArguments(JSON.stringify(input), chunkSize).length);
	if (format === 'anthropic') {
		// message_start, ping; text block start + deltas + stop; per call start + '' + deltas + stop
		return 2 + (2 + textPieces) + argPieces.reduce((sum, n) => sum + 3 + n, 0);
	}
	// role chunk; text chunks; per call a header + argument chunks; the finish chunk
	return 1 + textPieces + argPieces.reduce((sum, n) => sum + 1 + n, 0) + 1;
}

/** Aborts once `when` matches, after the loop went back to waiting (so a pending read is cut). */
function stopWhen(controller: AbortController, when: (event: LiveEvent) => boolean) {
	return (event: LiveEvent) => {
		if (when(event)) setImmediate(() => controller.abort());
	};
}

describe.each(FORMATS)('Stop (%s)', (format) => {
	const setup = useAgentHarness();

	it('cuts a stalled stream, keeps the partial text, and the next turn is valid', async () => {
		const text = 'abcdefghijklmnopqrstuvwxyz';
		const h = await setup(format, [
			{ text, chunkSize: 4, fault: { type: 'stall', afterChunks: 5 } },
			{ text: 'Picking up again.' }
		]);
		const controller = new AbortController();
		let received = '';
		// Both formats send at least one text piece before the stall.
		const result = await h.run('Tell me the alphabet', {
			signal: controller.signal,
			onEvent: stopWhen(controller, (event) => {
				if (event.type === 'text-delta') received += event.text;
				return event.type === 'text-delta' && received.length === 4;
			})
		});

		expect(result.reason).toBe('aborted');
		expect(types(h.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'turn-end'
		]);
		const [step] = ofType(h.log.events, 'assistant-step');
		expect(step!.interrupted).toBe(true);
		expect(step!.stopReason).toBe('aborted');
		const partial = step!.message.content[0];
		expect(partial?.type).toBe('text');
		const partialText = (partial as { text: string }).text;
		expect(partialText.length).toBeGreaterThanOrEqual(4);
		expect(partialText.length).toBeLessThan(text.length);
		expect(text.startsWith(partialText)).toBe(true);

		const next = await h.run('Go on');
		expect(next.reason).toBe('completed');
		const body = h.bodies()[1]!;
		assertValidConversation(format, body);
		expect(transcript(format, body).filter((line) => !line.startsWith('system'))).toEqual([
			'user: Tell me the alphabet',
			`assistant: ${partialText}`,
			'user: Go on'
		]);
	});

	it('records complete tool calls of a cut step as cancelled, so the log stays valid', async () => {
		const text = 'Let me read it.';
		const inputs = [{ path: 'a.txt' }, { path: 'b.txt' }];
		const h = await setup(
			format,
			[
				{
					text,
					chunkSize: 4,
					toolCalls: inputs.map((input) => ({ name: 'read', input })),
					fault: { type: 'stall', afterChunks: chunksThroughToolCalls(format, text, 4, inputs) }
				},
				{ text: 'Understood, stopping there.' }
			],
			{ files: { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' } }
		);
		const controller = new AbortController();
		let ready = 0;
		const result = await h.run('Read both files', {
			signal: controller.signal,
			onEvent: stopWhen(controller, (event) => event.type === 'tool-call-ready' && ++ready === 2)
		});

		expect(result.reason).toBe('aborted');
		expect(types(h.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'tool-result',
			'tool-result',
			'turn-end'
		]);
		const [step] = ofType(h.log.events, 'assistant-step');
		expect(step!.interrupted).toBe(true);
		const calls = step!.message.content.filter((block) => block.type === 'tool_call');
		expect(calls.map((call) => call.input)).toEqual(inputs);
		const results = ofType(h.log.events, 'tool-result');
		expect(results.map((r) => r.toolCallId)).toEqual(calls.map((call) => call.id));
		for (const r of results) expect(r).toMatchObject({ ok: false, output: CANCELLED_TEXT });
		// Nothing ran.
		expect(h.live.some((event) => event.type === 'tool-running')).toBe(false);

		await h.run('Never mind');
		const body = h.bodies()[1]!;
		assertValidConversation(format, body);
		const wire = lastToolResults(format, body);
		expect(wire.map((r) => r.content)).toEqual([CANCELLED_TEXT, CANCELLED_TEXT]);
		expect(transcript(format, body).at(-1)).toBe('user: Never mind');
	});

	it('stops before any output: no step is recorded and the next request is still valid', async () => {
		// Stop may land before the first request has left the page (then none is sent) or after
		// (then it stalls): the second answer waits for its own message either way.
		const h = await setup(format, [
			{ text: 'Hello again.', match: { lastUserMessageIncludes: 'Second try' } },
			{ text: 'never sent', fault: { type: 'stall', afterChunks: 0 } }
		]);
		const controller = new AbortController();
		const result = await h.run('First try', {
			signal: controller.signal,
			onEvent: stopWhen(controller, (event) => event.type === 'step-start')
		});
		expect(result.reason).toBe('aborted');
		expect(types(h.log.events)).toEqual(['session-start', 'user-message', 'turn-end']);

		expect((await h.run('Second try')).reason).toBe('completed');
		const body = h.bodies().at(-1)!;
		assertValidConversation(format, body);
		const lines = transcript(format, body).filter((line) => !line.startsWith('system'));
		// Two user messages in a row are merged into one (Anthropic needs alternating roles).
		expect(lines.join('\n')).toContain('user: First try');
		expect(lines.at(-1)).toMatch(/Second try$/);
		expect((body.messages as { role: string }[]).filter((m) => m.role === 'user')).toHaveLength(1);
	});

	it('stops a running bash command at once and says so; later calls are cancelled', async () => {
		const h = await setup(format, [
			{
				toolCalls: [
					{ name: 'bash', input: { command: 'echo started; sleep 30' } },
					{ name: 'write', input: { path: 'after.txt', content: 'x' } }
				]
			},
			{ text: 'Okay.' }
		]);
		const controller = new AbortController();
		const started = Date.now();
		const result = await h.run('Wait a while', {
			signal: controller.signal,
			onEvent: (event) => {
				if (event.type === 'tool-running') controller.abort();
			}
		});

		expect(result.reason).toBe('aborted');
		expect(Date.now() - started).toBeLessThan(10_000);
		const [bash, write] = ofType(h.log.events, 'tool-result');
		expect(bash).toMatchObject({ name: 'bash', ok: false });
		expect(bash!.output).toMatch(/stopped by the user/i);
		expect(bash!.metadata?.aborted).toBe(true);
		expect(write).toMatchObject({ name: 'write', ok: false, output: CANCELLED_TEXT });
		expect(h.workspace.exists('after.txt')).toBe(false);
		expect(ofType(h.log.events, 'turn-end')[0]!.reason).toBe('aborted');
		expect(h.bodies()).toHaveLength(1);

		await h.run('Continue');
		assertValidConversation(format, h.bodies()[1]!);
	});
});
