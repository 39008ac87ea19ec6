import { describe, expect, it } from 'vitest';
import {
	permissionGate,
	NORMAL_MODE_REMINDER,
	permissionFor,
	PLAN_MODE_REMINDER,
	planApprovedMessage,
	subagentPermission,
	type AgentMode
} from '../../../../src/lib/agent/permissions';

const reasonOf = (decision: ReturnType<typeof permissionFor>) =>
	decision.allowed ? undefined : decision.reason;

describe('permissionFor', () => {
	it('allows everything in auto mode', () => {
		for (const [tool, args] of [
			['write', { path: 'a', content: '' }],
			['edit', { path: 'a', old_string: 'x', new_string: 'y' }],
			['bash', { command: 'rm -rf src' }],
			['task', { description: 'd', prompt: 'p', agent: 'general' }]
		] as const) {
			expect(permissionFor('auto', tool, args)).toEqual({ allowed: true });
		}
	});

	it('lets plan mode read, search, keep todos and start explore subagents', () => {
		for (const tool of ['read', 'glob', 'grep', 'list', 'todo_write']) {
			expect(permissionFor('plan', tool, {})).toEqual({ allowed: true });
		}
		expect(
			permissionFor('plan', 'task', { description: 'd', prompt: 'p', agent: 'explore' })
		).toEqual({
			allowed: true
		});
		expect(permissionFor('plan', 'task', { description: 'd', prompt: 'p' })).toEqual({
			allowed: true
		});
		expect(permissionFor('plan', 'bash', { command: 'git diff | head' })).toEqual({
			allowed: true
		});
	});

	it('refuses changes in plan mode and tells the model to finish with a plan', () => {
		for (const tool of ['write', 'edit']) {
			const reason = reasonOf(permissionFor('plan', tool, { path: 'a.ts' }));
			expect(reason).toMatch(/Plan mode/);
			expect(reason).toMatch(/plan .* for the person to approve/);
		}
		expect(reasonOf(permissionFor('plan', 'some_future_tool', {}))).toMatch(/Plan mode/);
	});

	it('refuses mutating bash in plan mode with the classifier reason', () => {
		const reason = reasonOf(permissionFor('plan', 'bash', { command: 'echo x > a.txt' }));
		expect(reason).toMatch(/Plan mode/);
		expect(reason).toMatch(/redirects output into a file/);
		expect(reasonOf(permissionFor('plan', 'bash', {}))).toMatch(/no command/);
	});

	it('refuses general subagents in plan mode', () => {
		const reason = reasonOf(
			permissionFor('plan', 'task', { description: 'd', prompt: 'p', agent: 'general' })
		);
		expect(reason).toMatch(/agent "explore"/);
	});
});

describe('subagentPermission', () => {
	it('lets explore subagents only read', () => {
		for (const tool of ['read', 'glob', 'grep', 'list']) {
			expect(subagentPermission('explore', tool, {})).toEqual({ allowed: true });
		}
		expect(subagentPermission('explore', 'bash', { command: 'git log -5' })).toEqual({
			allowed: true
		});
		for (const tool of ['write', 'edit', 'todo_write']) {
			expect(reasonOf(subagentPermission('explore', tool, {}))).toMatch(/explore subagent/);
		}
		expect(reasonOf(subagentPermission('explore', 'bash', { command: 'rm a' }))).toMatch(
			/rm is not a known read-only command/
		);
	});

	it('lets explore subagents start no process, even a read-only one, nor stop one', () => {
		const background = { command: 'ls', run_in_background: true };
		expect(reasonOf(subagentPermission('explore', 'bash', background))).toMatch(
			/may not start background processes/
		);
		expect(reasonOf(subagentPermission('explore', 'bash_kill', { bash_id: 'bash_1' }))).toMatch(
			/explore subagent/
		);
		expect(subagentPermission('explore', 'bash_output', { bash_id: 'bash_1' })).toEqual({
			allowed: true
		});
		expect(subagentPermission('general', 'bash', background)).toEqual({ allowed: true });
	});

	it('lets plan mode read processes but not stop them', () => {
		expect(permissionFor('plan', 'bash_output', { bash_id: 'bash_1' })).toEqual({ allowed: true });
		expect(reasonOf(permissionFor('plan', 'bash_kill', { bash_id: 'bash_1' }))).toMatch(
			/Plan mode/
		);
	});

	it('lets general subagents do anything but start subagents', () => {
		expect(subagentPermission('general', 'write', {})).toEqual({ allowed: true });
		expect(subagentPermission('general', 'bash', { command: 'rm a' })).toEqual({ allowed: true });
		for (const kind of ['explore', 'general'] as const) {
			expect(reasonOf(subagentPermission(kind, 'task', {}))).toMatch(/cannot start subagents/);
		}
	});
});

describe('permissionGate', () => {
	it('reads the mode at each call, so a switch applies at once', async () => {
		let mode: AgentMode = 'auto';
		const check = permissionGate(() => mode);
		expect((await check('write', {})).allowed).toBe(true);
		mode = 'plan';
		expect((await check('write', {})).allowed).toBe(false);
		mode = 'auto';
		expect((await check('write', {})).allowed).toBe(true);
	});

	it('also applies an extra policy (a subagent in plan mode may do neither more)', async () => {
		const check = permissionGate(
			() => 'auto',
			{},
			(tool, args) => subagentPermission('explore', tool, args)
		);
		expect((await check('read', {})).allowed).toBe(true);
		expect(reasonOf(await check('write', {}))).toMatch(/explore subagent/);
	});
});

describe('mode texts', () => {
	it('are reminders the loop can send, and an approval carrying the plan', () => {
		expect(PLAN_MODE_REMINDER).toMatch(
			/^<system-reminder>[\s\S]*Plan mode is on[\s\S]*<\/system-reminder>$/
		);
		expect(NORMAL_MODE_REMINDER).toMatch(
			/^<system-reminder>[\s\S]*Plan mode is off[\s\S]*<\/system-reminder>$/
		);
		const message = planApprovedMessage('  1. Edit src/a.ts\n2. Run the tests  ');
		expect(message).toMatch(/approve the plan/);
		expect(message).toMatch(/Plan mode is off/);
		expect(message.endsWith('1. Edit src/a.ts\n2. Run the tests')).toBe(true);
		expect(planApprovedMessage('  ')).not.toMatch(/approved plan:/);
	});
});
