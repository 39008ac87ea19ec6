import { describe, expect, it } from 'vitest';
import { Agent, type AgentMode } from '../../../../src/lib/agent';
import { loadSessionEvents } from '../../../../src/lib/storage';
import { answer, ScriptedProvider, useChatHarness } from './chat-harness';

/** The modes stored in a session's log, oldest first. */
async function storedModes(sessionId: string): Promise<AgentMode[]> {
	const events = await loadSessionEvents(sessionId);
	return events.flatMap((event) => (event.type === 'mode-change' ? [event.mode] : []));
}

describe('ChatSession: the agent owns the mode', () => {
	const h = useChatHarness();

	/** A chat whose agents are real, with every setMode call they get recorded. */
	function chatRecordingModes(provider: ScriptedProvider) {
		const asked: AgentMode[] = [];
		const session = h.chat(provider, {
			createAgent: (options) => {
				const agent = new Agent(options);
				return {
					runTurn: (text, turn) => agent.runTurn(text, turn),
					setMode: (mode) => {
						asked.push(mode);
						return agent.setMode(mode);
					}
				};
			}
		});
		return { session, asked };
	}

	it('a switch in a started chat goes through Agent.setMode and is stored at once', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const { session, asked } = chatRecordingModes(new ScriptedProvider([answer('hi')]));
		await session.send('hello');
		await session.setMode('ask');

		expect(asked.at(-1)).toBe('ask');
		expect(await storedModes(session.sessionId!)).toEqual(['ask']);
		expect(session.mode).toBe('ask');
		expect(session.events.at(-1)).toMatchObject({ type: 'mode-change', mode: 'ask' });
	});

	it('a switch in a reopened chat builds its agent to store it', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const first = h.chat(new ScriptedProvider([answer('hi')]));
		await first.send('hello');
		const { session, asked } = chatRecordingModes(new ScriptedProvider([]));
		await session.load();
		await session.setMode('auto-edit');

		expect(asked).toEqual(['auto-edit']);
		expect(await storedModes(session.sessionId!)).toEqual(['auto-edit']);
	});

	it('without a usable model the switch waits for the agent, which stores it before the next turn', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const provider = new ScriptedProvider([answer('hi'), answer('again')]);
		const { session } = chatRecordingModes(provider);
		await session.send('hello');
		await h.settings.save({ provider: 'anthropic', apiKey: '', model: 'm' });
		const reopened = chatRecordingModes(provider);
		await reopened.session.load();
		await reopened.session.setMode('plan');

		expect(reopened.session.mode).toBe('plan');
		expect(reopened.asked).toEqual([]);
		expect(await storedModes(session.sessionId!)).toEqual([]);

		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		await reopened.session.send('go on');
		expect(reopened.asked[0]).toBe('plan');
		const events = await loadSessionEvents(session.sessionId!);
		const types = events.map((event) => event.type);
		expect(types.lastIndexOf('mode-change')).toBeLessThan(types.lastIndexOf('user-message'));
		expect(await storedModes(session.sessionId!)).toEqual(['plan']);
	});
});
