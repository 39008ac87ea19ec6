import { describe, expect, it } from 'vitest';
import {
	commandMatches,
	decidePermission,
	parseRule,
	pathMatches,
	prefixRuleFor,
	type AgentMode,
	type PermissionRule,
	type PermissionVerdict
} from '../../../../src/lib/agent/permissions';

const EDIT = ['edit', { path: 'src/a.ts', old_string: 'x', new_string: 'y' }] as const;
const WRITE = ['write', { path: 'notes/b.md', content: '' }] as const;
const TEST = ['bash', { command: 'npm test' }] as const;
const READ = ['read', { path: 'src/a.ts' }] as const;
const LS = ['bash', { command: 'ls -la | head' }] as const;
const TODO = ['todo_write', { todos: [] }] as const;
const TASK = ['task', { description: 'd', prompt: 'p', agent: 'general' }] as const;

type Call = readonly [string, unknown];
const kind = (verdict: PermissionVerdict) => verdict.kind;
const decide = (mode: AgentMode, [tool, args]: Call, rules: PermissionRule[] = []) =>
	decidePermission(mode, rules, tool, args);

describe('decidePermission: modes × tools', () => {
	const table: [AgentMode, Call, PermissionVerdict['kind']][] = [
		['ask', EDIT, 'ask'],
		['ask', WRITE, 'ask'],
		['ask', TEST, 'ask'],
		['ask', READ, 'allow'],
		['ask', LS, 'allow'],
		['ask', TODO, 'allow'],
		['ask', TASK, 'allow'],
		['auto-edit', EDIT, 'allow'],
		['auto-edit', WRITE, 'allow'],
		['auto-edit', TEST, 'ask'],
		['auto-edit', LS, 'allow'],
		['auto', EDIT, 'allow'],
		['auto', TEST, 'allow'],
		['auto', ['bash', { command: 'echo $(whoami) > x' }], 'allow'],
		['plan', EDIT, 'deny'],
		['plan', TEST, 'deny'],
		['plan', READ, 'allow'],
		['plan', LS, 'allow']
	];
	it.each(table)('%s mode, %j → %s', (mode, call, expected) => {
		expect(kind(decide(mode, call))).toBe(expected);
	});

	it('offers the rule "Always allow" would add: a command prefix, or the tool', () => {
		expect(decide('ask', TEST)).toEqual({ kind: 'ask', alwaysRules: ['bash(npm test *)'] });
		expect(decide('ask', EDIT)).toEqual({ kind: 'ask', alwaysRules: ['edit'] });
		expect(decide('ask', WRITE)).toEqual({ kind: 'ask', alwaysRules: ['write'] });
		// Only the parts that change something need a rule; read-only parts never ask.
		expect(
			decide('ask', ['bash', { command: 'git status && rm -rf build; npm run lint' }])
		).toEqual({
			kind: 'ask',
			alwaysRules: ['bash(rm *)', 'bash(npm run *)']
		});
		// A line that cannot be checked part by part is offered as itself only.
		expect(decide('ask', ['bash', { command: 'echo $(date) > out' }])).toEqual({
			kind: 'ask',
			alwaysRules: ['bash(echo $(date) > out)']
		});
	});
});

describe('decidePermission: rules (deny > ask > allow)', () => {
	const allow = (rule: string): PermissionRule => ({ action: 'allow', rule });
	const ask = (rule: string): PermissionRule => ({ action: 'ask', rule });
	const deny = (rule: string): PermissionRule => ({ action: 'deny', rule });

	it('an allow rule lets a command or an edit run in Ask mode', () => {
		expect(kind(decide('ask', TEST, [allow('bash(npm test)')]))).toBe('allow');
		expect(kind(decide('ask', TEST, [allow('Bash(npm test:*)')]))).toBe('allow');
		expect(
			kind(decide('ask', ['bash', { command: 'npm test -- --watch' }], [allow('bash(npm test)')]))
		).toBe('ask');
		expect(
			kind(decide('ask', ['bash', { command: 'npm run build' }], [allow('bash(npm run *)')]))
		).toBe('allow');
		expect(kind(decide('ask', ['bash', { command: 'npm run' }], [allow('bash(npm run *)')]))).toBe(
			'allow'
		);
		expect(
			kind(decide('ask', ['bash', { command: 'npm runner' }], [allow('bash(npm run *)')]))
		).toBe('ask');
		expect(kind(decide('ask', EDIT, [allow('edit(src/**)')]))).toBe('allow');
		expect(
			kind(decide('ask', ['edit', { ...EDIT[1], path: 'lib/a.ts' }], [allow('edit(src/**)')]))
		).toBe('ask');
		// edit rules cover write; write rules do not cover edit.
		expect(kind(decide('ask', WRITE, [allow('edit')]))).toBe('allow');
		expect(kind(decide('ask', EDIT, [allow('write')]))).toBe('ask');
	});

	it('a prefix rule never lets a chained command through on the back of its first part', () => {
		const rules = [allow('bash(npm test *)')];
		expect(kind(decide('ask', ['bash', { command: 'npm test && rm -rf /' }], rules))).toBe('ask');
		// A prefix does not vouch for output into a file (it could be ~/.bashrc); "Always allow" keeps it exactly.
		const redirected = decide('ask', ['bash', { command: 'npm test > out.txt' }], rules);
		expect(redirected).toEqual({ kind: 'ask', alwaysRules: ['bash(npm test > out.txt)'] });
		expect(
			kind(
				decide(
					'ask',
					['bash', { command: 'npm test > out.txt' }],
					[allow('bash(npm test > out.txt)')]
				)
			)
		).toBe('allow');
		expect(kind(decide('ask', ['bash', { command: 'npm test 2>&1 > /dev/null' }], rules))).toBe(
			'allow'
		);
		expect(kind(decide('ask', ['bash', { command: 'npm test $(rm -rf x)' }], rules))).toBe('ask');
		expect(kind(decide('ask', ['bash', { command: 'npm test && git status' }], rules))).toBe(
			'allow'
		);
	});

	it('deny wins over ask and allow, in every mode, even for reads', () => {
		const rules = [allow('bash'), ask('bash(rm *)'), deny('bash(rm -rf *)')];
		const rm = ['bash', { command: 'cd src && rm -rf build' }] as const;
		for (const mode of ['ask', 'auto-edit', 'auto'] as const) {
			const verdict = decide(mode, rm, rules);
			expect(verdict.kind).toBe('deny');
			expect(verdict.kind === 'deny' && verdict.reason).toMatch(/deny bash\(rm -rf \*\)/);
		}
		expect(kind(decide('auto', READ, [deny('read(src/**)')]))).toBe('deny');
		expect(kind(decide('auto', ['read', { path: '.env' }], [deny('read(.env)')]))).toBe('deny');
		expect(kind(decide('auto', EDIT, [deny('edit(src/**)'), allow('edit')]))).toBe('deny');
		// A denied command hidden where the parts cannot be checked is still denied.
		expect(
			kind(decide('auto', ['bash', { command: 'echo $(rm -rf x)' }], [deny('bash(rm *)')]))
		).toBe('deny');
	});

	it('ask wins over allow, and over Auto mode', () => {
		expect(
			kind(decide('auto', ['bash', { command: 'rm a' }], [allow('bash'), ask('bash(rm *)')]))
		).toBe('ask');
		expect(kind(decide('auto', EDIT, [ask('edit(src/**)')]))).toBe('ask');
		expect(kind(decide('auto', ['bash', { command: 'npm ci' }], [ask('bash(rm *)')]))).toBe(
			'allow'
		);
	});

	it('read-only commands never ask, even under an ask rule', () => {
		expect(kind(decide('ask', LS, [ask('bash')]))).toBe('allow');
	});

	it('plan mode stays read-only whatever the allow rules say', () => {
		expect(kind(decide('plan', TEST, [allow('bash')]))).toBe('deny');
		expect(kind(decide('plan', EDIT, [allow('edit')]))).toBe('deny');
	});

	it('ignores rules that do not parse', () => {
		expect(kind(decide('ask', TEST, [allow('bash('), allow('shell(npm test)')]))).toBe('ask');
	});
});

describe('rule syntax', () => {
	it('parses tool and tool(pattern), and says what is wrong otherwise', () => {
		expect(parseRule('bash(npm test)')).toEqual({
			ok: true,
			rule: { tool: 'bash', pattern: 'npm test' }
		});
		expect(parseRule(' Write ')).toEqual({ ok: true, rule: { tool: 'write' } });
		expect(parseRule('edit(*)')).toEqual({ ok: true, rule: { tool: 'edit' } });
		expect(parseRule('shell(ls)')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/not a tool Kiln has/)
		});
		expect(parseRule('bash()')).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
		expect(parseRule('bash(npm')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/not a rule/)
		});
		expect(parseRule('')).toMatchObject({ ok: false });
	});

	it('matches commands exactly, by word prefix, or by text prefix', () => {
		expect(commandMatches('npm test', 'npm  test')).toBe(true);
		expect(commandMatches('npm test', 'npm test x')).toBe(false);
		expect(commandMatches('git log *', 'git log --oneline')).toBe(true);
		expect(commandMatches('git log *', 'git logx')).toBe(false);
		expect(commandMatches('npm run test*', 'npm run test:unit')).toBe(true);
	});

	it('matches paths as globs, relative to the project', () => {
		expect(pathMatches('src/**', './src/lib/a.ts')).toBe(true);
		expect(pathMatches('src/**/*.ts', 'src/lib/a.js')).toBe(false);
		expect(pathMatches('**/.env*', 'app/.env.local')).toBe(true);
	});

	it('picks a prefix for "Always allow" that names what the command does', () => {
		expect(prefixRuleFor('npm run build -- --prod')).toBe('bash(npm run *)');
		expect(prefixRuleFor('git commit -m x')).toBe('bash(git commit *)');
		expect(prefixRuleFor('git -C x status')).toBe('bash(git *)');
		expect(prefixRuleFor('rm -rf build')).toBe('bash(rm *)');
	});
});
