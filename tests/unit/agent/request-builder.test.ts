import { describe, expect, it } from 'vitest';
import {
	buildMessages,
	buildRequest,
	buildSystemPrompt,
	describeEnvironment,
	type SessionEvent
} from '../../../src/lib/agent';
import { browserCapabilities } from '../../../src/lib/runtime/browser/capabilities';
import { nodeCapabilities } from '../../../src/lib/runtime/node/capabilities';
import { toolDefinitions } from '../../../src/lib/tools';

const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
const user = (text: string): SessionEvent => ({ type: 'user-message', id: text, at: 0, text });
const step = (
	content: Extract<SessionEvent, { type: 'assistant-step' }>['message']['content'],
	interrupted = false
): SessionEvent => ({
	type: 'assistant-step',
	id: 's',
	at: 0,
	step: 1,
	model: 'm',
	stopReason: interrupted ? 'aborted' : 'tool_use',
	usage,
	message: { role: 'assistant', content },
	...(interrupted ? { interrupted } : {})
});
const result = (toolCallId: string, ok = true): SessionEvent => ({
	type: 'tool-result',
	at: 0,
	toolCallId,
	name: 'read',
	ok,
	output: `result of ${toolCallId}`,
	durationMs: 0
});

describe('buildMessages', () => {
	it('puts a step’s tool results in one user message, in order, errors marked', () => {
		const messages = buildMessages([
			user('go'),
			step([
				{ type: 'text', text: 'Reading.' },
				{ type: 'tool_call', id: 'a', name: 'read', input: {} },
				{ type: 'tool_call', id: 'b', name: 'read', input: {} }
			]),
			result('a'),
			result('b', false)
		]);
		expect(messages).toHaveLength(3);
		expect(messages[2]).toEqual({
			role: 'user',
			content: [
				{ type: 'tool_result', toolCallId: 'a', content: 'result of a' },
				{ type: 'tool_result', toolCallId: 'b', content: 'result of b', isError: true }
			]
		});
	});

	it('answers calls that have no result and drops results that answer nothing', () => {
		const messages = buildMessages([
			user('go'),
			step([{ type: 'tool_call', id: 'a', name: 'read', input: {} }]),
			result('stray'),
			user('next')
		]);
		expect(messages[2]).toMatchObject({
			role: 'user',
			content: [
				{
					type: 'tool_result',
					toolCallId: 'a',
					isError: true,
					content: expect.stringMatching(/interrupted/)
				},
				{ type: 'text', text: 'next' }
			]
		});
		expect(JSON.stringify(messages)).not.toContain('stray');
	});

	it('leaves out steps with nothing sendable and merges messages of one role', () => {
		const messages = buildMessages([
			user('one'),
			step(
				[
					{ type: 'text', text: '' },
					{ type: 'thinking', thinking: 'unsigned' }
				],
				true
			),
			user('two')
		]);
		expect(messages).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'one' },
					{ type: 'text', text: 'two' }
				]
			}
		]);
	});

	it('sends a reminder before the person’s text', () => {
		const messages = buildMessages([
			{
				type: 'user-message',
				id: 'u',
				at: 0,
				text: 'hi',
				reminder: '<system-reminder>x</system-reminder>'
			}
		]);
		expect(messages[0]!.content.map((block) => block.type === 'text' && block.text)).toEqual([
			'<system-reminder>x</system-reminder>',
			'hi'
		]);
	});
});

describe('buildRequest', () => {
	const events: SessionEvent[] = [
		{
			type: 'session-start',
			at: 0,
			provider: 'anthropic',
			model: 'm',
			runtime: 'browser',
			environment: 'ENV'
		},
		user('hello')
	];

	it('orders the layers and marks the end of the system prompt, of the session context and the last message', () => {
		const request = buildRequest({ model: 'm', events, tools: toolDefinitions(), maxTokens: 100 });
		expect(request.system.map((block) => block.text)).toEqual([
			buildSystemPrompt()[0]!.text,
			'ENV'
		]);
		expect(request.system.map((block) => block.cache)).toEqual([{}, {}]);
		expect(request.tools.every((tool) => tool.cache === undefined)).toBe(true);
		expect(request.messages[0]!.content[0]).toEqual({ type: 'text', text: 'hello', cache: {} });
	});

	it('is byte-identical for the same events and never changes them', () => {
		const before = JSON.stringify(events);
		const a = buildRequest({ model: 'm', events, tools: toolDefinitions(), maxTokens: 100 });
		const b = buildRequest({ model: 'm', events, tools: toolDefinitions(), maxTokens: 100 });
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(events)).toBe(before);
	});
});

describe('system prompt', () => {
	it('is static and states the tools’ contract', () => {
		const [block] = buildSystemPrompt();
		expect(buildSystemPrompt()).toHaveLength(1);
		expect(block!.text).toBe(buildSystemPrompt()[0]!.text);
		expect(block!.text).not.toMatch(/\d{4}-\d{2}-\d{2}|\/home\/|\/project\b/);
		for (const rule of [
			/read them before you edit/,
			/edit \(exact string/,
			/relative to the project root/,
			/todo_write/,
			/short/
		]) {
			expect(block!.text).toMatch(rule);
		}
	});

	it('describes the runtime honestly', () => {
		const browser = describeEnvironment(browserCapabilities);
		expect(browser).toContain('Offline runtime');
		expect(browser).toMatch(/Node\.js is NOT available/);
		expect(browser).toMatch(/npm is NOT available/);
		const node = describeEnvironment(nodeCapabilities);
		expect(node).toMatch(/Node\.js is available/);
		expect(node).toMatch(/npm is available/);
		expect(describeEnvironment(browserCapabilities)).toBe(browser);
	});
});
