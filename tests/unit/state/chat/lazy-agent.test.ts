/**
 * The agent's code is not part of the IDE's first paint: the chat loads it on the first send
 * (agent-loader.ts). Here it arrives only after the send has started: the chat shows the message
 * at once, nothing reaches the model before the code is there, and then the turn runs as usual,
 * tool cards summed up by the tools' own code.
 */
import { describe, expect, it, vi } from 'vitest';
import { answer, ScriptedProvider, toolCall, useChatHarness } from './chat-harness';

const gate = vi.hoisted(() => {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open, imported: false };
});

vi.mock('../../../../src/lib/state/chat/agent-code', async (importOriginal) => {
	gate.imported = true;
	await gate.opened;
	return importOriginal();
});

describe('the agent loaded on first send', () => {
	const h = useChatHarness();

	it(
		'shows the message at once and runs the turn once the code arrives',
		{ timeout: 60_000 },
		async () => {
			await h.settings.save({ provider: 'anthropic', apiKey: 'sk-test-key-123456', model: 'm' });
			const provider = new ScriptedProvider([
				toolCall('c1', 'write', { path: 'hello.txt', content: 'hi\n' }),
				answer('Created it.')
			]);
			const chat = h.chat(provider);
			await chat.load();
			expect(gate.imported).toBe(false);

			const sent = chat.send('make hello.txt');
			await vi.waitFor(() => expect(gate.imported).toBe(true));
			expect(chat.items.map((item) => item.kind)).toEqual(['user']);
			expect(chat.running).toBe(true);
			expect(provider.requests).toHaveLength(0);

			gate.open();
			expect(await sent).toEqual({ reason: 'completed' });
			expect(provider.requests).toHaveLength(1 + 1);
			expect(await h.workspace.readText('hello.txt')).toBe('hi\n');
			const card = chat.items.find((item) => item.kind === 'tool');
			expect(card).toMatchObject({ name: 'write', state: 'completed', summary: 'hello.txt' });
		}
	);
});
