import { describe, expect, it } from 'vitest';
import { toolDefinitions } from '../../../src/lib/tools';
import { ofType, useAgentHarness } from './harness';

describe('AgentOptions.tools', () => {
	const setup = useAgentHarness();

	it('runs only the tools the model was given: a call to another is refused, nothing is written', async () => {
		const h = await setup(
			'anthropic',
			[
				{ toolCalls: [{ name: 'write', input: { path: 'a.txt', content: 'x' } }] },
				{ text: 'I cannot write here.' }
			],
			{ agent: { tools: toolDefinitions(['read', 'list']) } }
		);
		const result = await h.run('Write a.txt');

		expect(result.reason).toBe('completed');
		const tools = (h.bodies()[0]!.tools as { name: string }[]).map((tool) => tool.name);
		expect(tools).toEqual(['read', 'list']);
		const [refused] = ofType(h.log.events, 'tool-result');
		expect(refused).toMatchObject({ name: 'write', ok: false });
		expect(refused!.output).toMatch(/no tool named 'write'\. Available tools: read, list/);
		expect(await h.workspace.exists('a.txt')).toBe(false);
	});

	it('runs every core tool when none are given', async () => {
		const h = await setup('anthropic', [
			{ toolCalls: [{ name: 'write', input: { path: 'a.txt', content: 'x' } }] },
			{ text: 'Written.' }
		]);
		await h.run('Write a.txt');
		expect(ofType(h.log.events, 'tool-result')[0]).toMatchObject({ name: 'write', ok: true });
		expect(await h.workspace.readText('a.txt')).toBe('x');
	});
});
