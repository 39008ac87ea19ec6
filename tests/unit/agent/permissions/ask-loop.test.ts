import { describe, expect, it } from 'vitest';
import type {
	PermissionAnswer,
	PermissionPrompt,
	PermissionRule
} from '../../../../src/lib/agent/permissions';
import {
	FORMATS,
	assertValidConversation,
	lastToolResults,
	ofType,
	transcript,
	useAgentHarness
} from '../harness';

/** A prompter that records each prompt and answers from a list, in order. */
function answering(...answers: PermissionAnswer[]) {
	const prompts: PermissionPrompt[] = [];
	return {
		prompts,
		prompt: async (prompt: PermissionPrompt) => {
			prompts.push(prompt);
			const answer = answers.shift();
			if (!answer) throw new Error(`No answer scripted for ${prompt.summary}`);
			return answer;
		}
	};
}

const EDIT = { path: 'a.txt', old_string: 'old', new_string: 'new' };

describe.each(FORMATS)('the agent loop waits for the person in Ask mode (%s)', (format) => {
	const setup = useAgentHarness();

	it('Deny: the edit does not run, the model is told the person denied it, and answers', async () => {
		const asker = answering('deny');
		const h = await setup(
			format,
			[{ toolCalls: [{ name: 'edit', input: EDIT }] }, { text: 'Understood, I left it.' }],
			{ files: { 'a.txt': 'old\n' }, agent: { permissions: { prompt: asker.prompt } } }
		);
		await h.agent.setMode('ask');
		const result = await h.run('Change a.txt');
		expect(result.reason).toBe('completed');
		expect(asker.prompts).toEqual([
			expect.objectContaining({ toolName: 'edit', summary: 'a.txt', alwaysRules: ['edit'] })
		]);
		expect(await h.workspace.readText('a.txt')).toBe('old\n');
		const [denied] = lastToolResults(format, h.bodies()[1]!);
		expect(denied!.content).toMatch(
			/^The person denied this edit call \(a\.txt\); it did not run\./
		);
		// The mode reached the model as a reminder in its message, not in the prefix.
		expect(transcript(format, h.bodies()[0]!).join('\n')).toMatch(/Permission mode is now Ask/);
		expect(JSON.stringify(h.bodies()[0]!.system ?? '')).not.toMatch(/Permission mode/);
		expect(ofType(h.log.events, 'tool-result')[0]).toMatchObject({
			ok: false,
			metadata: { refused: true }
		});
	});

	it('Allow runs the call once; the next one asks again', async () => {
		const asker = answering('allow', 'allow');
		const h = await setup(
			format,
			[
				{ toolCalls: [{ name: 'bash', input: { command: 'echo one > b.txt' } }] },
				{ toolCalls: [{ name: 'bash', input: { command: 'echo two > b.txt' } }] },
				{ text: 'Done.' }
			],
			{ agent: { permissions: { prompt: asker.prompt } } }
		);
		await h.agent.setMode('ask');
		expect((await h.run('Write b.txt twice')).reason).toBe('completed');
		expect(asker.prompts.map((prompt) => prompt.summary)).toEqual([
			'echo one > b.txt',
			'echo two > b.txt'
		]);
		expect(await h.workspace.readText('b.txt')).toBe('two\n');
	});

	it('Always allow keeps a prefix rule: the same command runs next time without asking', async () => {
		const asker = answering('always');
		const rules: PermissionRule[] = [];
		const h = await setup(
			format,
			[
				{ toolCalls: [{ name: 'bash', input: { command: 'touch one.txt' } }] },
				{ toolCalls: [{ name: 'bash', input: { command: 'touch two.txt' } }] },
				{ toolCalls: [{ name: 'write', input: { path: 'c.txt', content: 'c' } }] },
				{ text: 'Done.' }
			],
			{
				agent: {
					permissions: {
						prompt: asker.prompt,
						rules: () => rules,
						addRules: (added) => void rules.push(...added)
					}
				}
			}
		);
		await h.agent.setMode('auto-edit');
		expect((await h.run('Touch two files and write one')).reason).toBe('completed');
		// Only the first command asked; the write ran at once (auto-edit).
		expect(asker.prompts.map((prompt) => prompt.summary)).toEqual(['touch one.txt']);
		expect(rules).toEqual([{ action: 'allow', rule: 'bash(touch *)' }]);
		expect(h.workspace.exists('one.txt') && h.workspace.exists('two.txt')).toBe(true);
		expect(await h.workspace.readText('c.txt')).toBe('c');
	});

	it('Stop while a prompt waits: the call is denied, the turn ends, and the next turn is valid', async () => {
		const controller = new AbortController();
		let seen: PermissionPrompt | undefined;
		let promptSignal: AbortSignal | undefined;
		const h = await setup(
			format,
			[
				{ toolCalls: [{ name: 'write', input: { path: 'd.txt', content: 'd' } }] },
				{ text: 'Fine, carrying on.' }
			],
			{
				agent: {
					permissions: {
						prompt: (prompt, signal) => {
							seen = prompt;
							promptSignal = signal;
							controller.abort();
							return new Promise(() => {}); // nobody answers
						}
					}
				}
			}
		);
		await h.agent.setMode('ask');
		const result = await h.run('Write d.txt', { signal: controller.signal });
		expect(result.reason).toBe('aborted');
		expect(seen?.toolName).toBe('write');
		expect(promptSignal?.aborted).toBe(true);
		expect(h.workspace.exists('d.txt')).toBe(false);
		const [stopped] = ofType(h.log.events, 'tool-result');
		expect(stopped!.output).toMatch(/stopped the turn while this write call waited/);

		expect((await h.run('Go on')).reason).toBe('completed');
		const last = h.bodies().at(-1)!;
		assertValidConversation(format, last);
		expect(transcript(format, last).join('\n')).toMatch(/waited for their permission/);
	});

	it('with nobody to ask (no prompt), a call that needs asking is refused with what to do', async () => {
		const h = await setup(
			format,
			[{ toolCalls: [{ name: 'bash', input: { command: 'rm a.txt' } }] }, { text: 'Ok.' }],
			{ files: { 'a.txt': 'x' } }
		);
		await h.agent.setMode('ask');
		expect((await h.run('Delete a.txt')).reason).toBe('completed');
		expect(h.workspace.exists('a.txt')).toBe(true);
		const [refused] = lastToolResults(format, h.bodies()[1]!);
		expect(refused!.content).toMatch(/no one to ask here/);
		expect(refused!.content).toContain("--allow 'bash(rm *)'");
	});

	it('read-only tools and commands never ask, whatever the mode', async () => {
		const asker = answering();
		const h = await setup(
			format,
			[
				{
					toolCalls: [
						{ name: 'read', input: { path: 'a.txt' } },
						{ name: 'bash', input: { command: 'cat a.txt | wc -l' } },
						{ name: 'grep', input: { pattern: 'x' } }
					]
				},
				{ text: 'Read it.' }
			],
			{ files: { 'a.txt': 'x\n' }, agent: { permissions: { prompt: asker.prompt } } }
		);
		await h.agent.setMode('ask');
		expect((await h.run('Look')).reason).toBe('completed');
		expect(asker.prompts).toEqual([]);
		expect(ofType(h.log.events, 'tool-result').map((r) => r.ok)).toEqual([true, true, true]);
	});
});
