import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PermissionRules } from '../../../../src/lib/state/permissions';
import {
	dismissSetAside,
	getSetting,
	listQuarantined,
	loadPermissionRules,
	loadSessionEvents,
	permissionRulesKey,
	savePermissionRules,
	setAsideSummaries,
	setSetting
} from '../../../../src/lib/storage';
import { freshIndexedDb } from '../../storage/reset';
import { answer, ScriptedProvider, toolCall, useChatHarness } from './chat-harness';

/** Waits (polling, bounded) until the agent is held on a prompt. */
async function until(check: () => boolean): Promise<void> {
	await vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000, interval: 5 });
}

describe('ChatSession: permission prompts and rules', () => {
	const h = useChatHarness({ 'a.txt': 'old\n' });
	const { chat } = h;
	beforeEach(() => h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' }));

	it('Ask mode holds a command for the person; "Always allow" runs it and stores the rule', async () => {
		const provider = new ScriptedProvider([
			toolCall('c1', 'bash', { command: 'touch made.txt' }),
			toolCall('c2', 'bash', { command: 'touch again.txt' }),
			answer('Both made.')
		]);
		const session = chat(provider);
		await session.load();
		expect(session.mode).toBe('auto');
		await session.setMode('ask');
		const sent = session.send('make two files');
		await until(() => session.permissionPrompts.pending.length === 1);
		expect(session.permissionPrompts.pending[0]).toMatchObject({
			toolCallId: 'c1',
			summary: 'touch made.txt',
			alwaysRules: ['bash(touch *)']
		});
		expect(h.workspace.exists('made.txt')).toBe(false);
		session.answerPermission('c1', 'always');
		expect(await sent).toEqual({ reason: 'completed' });
		// The second touch matched the new rule: nobody was asked.
		expect(session.permissionPrompts.pending).toEqual([]);
		expect(h.workspace.exists('made.txt') && h.workspace.exists('again.txt')).toBe(true);
		expect(session.permissionRules.rules).toEqual([{ action: 'allow', rule: 'bash(touch *)' }]);

		// Kept with the project: a fresh page reads it back.
		const reloaded = new PermissionRules('p1');
		await reloaded.load();
		expect(reloaded.rules).toEqual([{ action: 'allow', rule: 'bash(touch *)' }]);
		expect(await loadPermissionRules('other')).toEqual([]);
	});

	it('Stop while a prompt waits denies it, clears the prompt and ends the turn consistently', async () => {
		const provider = new ScriptedProvider([
			toolCall('w1', 'write', { path: 'b.txt', content: 'b' }),
			answer('Carrying on.')
		]);
		const session = chat(provider);
		await session.load();
		await session.setMode('ask');
		const sent = session.send('write b');
		await until(() => session.permissionPrompts.pending.length === 1);
		session.stop();
		expect(await sent).toEqual({ reason: 'aborted' });
		expect(session.permissionPrompts.pending).toEqual([]);
		expect(h.workspace.exists('b.txt')).toBe(false);
		const events = await loadSessionEvents(session.sessionId!);
		const result = events.find((event) => event.type === 'tool-result');
		expect(result).toMatchObject({ toolCallId: 'w1', ok: false });
		expect(events.at(-1)).toMatchObject({ type: 'turn-end', reason: 'aborted' });

		expect(await session.send('go on')).toEqual({ reason: 'completed' });
		expect(JSON.stringify(provider.requests.at(-1)!.messages)).toMatch(
			/waited for their permission/
		);
	});

	it("a general subagent's edits wait for the person too", async () => {
		const provider = new ScriptedProvider([
			toolCall('t1', 'task', { description: 'Write c', prompt: 'Write c.txt', agent: 'general' }),
			toolCall('s1', 'write', { path: 'c.txt', content: 'c' }),
			answer('The person denied the write.'),
			answer('The subagent could not write c.txt.')
		]);
		const session = chat(provider);
		await session.load();
		await session.setMode('ask');
		const sent = session.send('delegate writing c.txt');
		await until(() => session.permissionPrompts.pending.length === 1);
		expect(session.permissionPrompts.pending[0]).toMatchObject({
			toolName: 'write',
			summary: 'c.txt'
		});
		session.answerPermission('s1', 'deny');
		expect(await sent).toEqual({ reason: 'completed' });
		expect(h.workspace.exists('c.txt')).toBe(false);
	});

	it('approving a plan goes back to the mode before plan mode', async () => {
		const session = chat(new ScriptedProvider([answer('1. Change a.txt'), answer('Done.')]));
		await session.load();
		await session.setMode('auto-edit');
		await session.setMode('plan');
		await session.send('plan it');
		expect(await session.approvePlan()).toEqual({ reason: 'completed' });
		expect(session.mode).toBe('auto-edit');
	});
});

describe('PermissionRules: stored per project, validated on the way back', () => {
	beforeEach(async () => {
		await freshIndexedDb();
	});

	it('adds (once), removes and reloads rules', async () => {
		const rules = new PermissionRules('p1');
		await rules.add([{ action: 'allow', rule: 'Bash( npm test )' }]);
		await rules.add([
			{ action: 'allow', rule: 'bash(npm test)' },
			{ action: 'deny', rule: 'edit(.env)' }
		]);
		expect(rules.rules).toEqual([
			{ action: 'allow', rule: 'bash(npm test)' },
			{ action: 'deny', rule: 'edit(.env)' }
		]);
		await rules.remove({ action: 'allow', rule: 'bash(npm test)' });
		const again = new PermissionRules('p1');
		await again.load();
		expect(again.rules).toEqual([{ action: 'deny', rule: 'edit(.env)' }]);
	});

	it('refuses a rule that does not parse, saying how to write one', async () => {
		const rules = new PermissionRules('p1');
		await expect(rules.add([{ action: 'allow', rule: 'shell(ls)' }])).rejects.toThrow(
			/not a tool Kiln has.*bash\(npm test\)/
		);
		expect(rules.rules).toEqual([]);
	});

	it('sets bad stored entries aside with a notice and keeps the good ones', async () => {
		dismissSetAside();
		const stored = {
			version: 1,
			rules: [
				{ action: 'allow', rule: 'bash(npm test)' },
				{ action: 'sometimes', rule: 'bash' },
				{ action: 'deny', rule: 'nonsense(' },
				'garbage'
			]
		};
		await setSetting(permissionRulesKey('p1'), stored);
		const rules = new PermissionRules('p1');
		await rules.load();
		expect(rules.rules).toEqual([{ action: 'allow', rule: 'bash(npm test)' }]);
		expect(rules.problem).toBeNull();
		expect(setAsideSummaries()).toEqual([
			expect.objectContaining({
				kind: 'permission-rule',
				count: 3,
				message: expect.stringMatching(/^3 saved permission rules could not be read/)
			})
		]);
		// The record as it was goes to the quarantine; the good rule stays stored and applies.
		expect(await listQuarantined()).toMatchObject([
			{ kind: 'permission-rule', store: 'settings', key: permissionRulesKey('p1'), value: stored }
		]);
		expect(await loadPermissionRules('p1')).toEqual([{ action: 'allow', rule: 'bash(npm test)' }]);
		expect(await listQuarantined()).toHaveLength(1);

		await setSetting(permissionRulesKey('p2'), 'not even an object');
		expect(await loadPermissionRules('p2')).toEqual([]);
		expect(await listQuarantined()).toHaveLength(2);
		expect(await getSetting(permissionRulesKey('p2'))).toBeUndefined();
		await savePermissionRules('p3', [{ action: 'ask', rule: 'write' }]);
		expect(await loadPermissionRules('p3')).toEqual([{ action: 'ask', rule: 'write' }]);
	});
});
