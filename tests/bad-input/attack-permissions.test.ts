/**
 * Attacks on the permission layer, the way a prompt-injected model would try them: commands that
 * smuggle another command past an allow rule, dodge a deny rule, or write while the read-only
 * check calls them safe; paths that dodge an edit rule.
 */
import { describe, expect, test } from 'vitest';
import {
	classifyCommand,
	decidePermission,
	type PermissionRule
} from '../../src/lib/agent/permissions';
import { recordRow } from '../suite-table/row';

const rulesText = (rules: readonly PermissionRule[]) =>
	rules.map((rule) => `${rule.action} ${rule.rule}`).join(', ');

function outcome(verdict: ReturnType<typeof decidePermission>): string {
	if (verdict.kind === 'deny') return `denied: ${verdict.reason.split(';')[0]}`;
	return verdict.kind === 'ask' ? 'asked the person first' : 'ran it unasked';
}

describe('commands that dodge a deny rule (Auto mode)', () => {
	const denyRm: PermissionRule[] = [{ action: 'deny', rule: 'bash(rm *)' }];
	for (const command of [
		'FOO=1 rm -rf .',
		'/bin/rm -rf .',
		'command rm -rf .',
		'env rm -rf .',
		'env -i PATH=/bin rm -rf .',
		'nohup rm -rf .',
		'time rm -rf .',
		'nice -n 5 rm -rf .',
		'timeout 5 rm -rf .',
		'sudo rm -rf .',
		'exec rm -rf .',
		"bash -c 'rm -rf .'",
		"sh -c 'ls; rm -rf .'",
		'echo . | xargs rm -rf',
		'echo . | xargs -n 1 rm -rf',
		'find . -exec rm -rf {} +',
		'find . -execdir rm {} ;',
		'! rm -rf .',
		'{ rm -rf .; }',
		'if rm -rf .; then :; fi',
		'for f in a; do rm -rf .; done',
		'while true; do rm -rf .; done',
		'coproc rm -rf .',
		"trap 'rm -rf .' EXIT",
		'busybox rm -rf .',
		"su -c 'rm -rf .'",
		"script -qc 'rm -rf .' /dev/null"
	]) {
		test(command, ({ task }) => {
			const verdict = decidePermission('auto', denyRm, 'bash', { command });
			recordRow(task, {
				input: `${command} with ${rulesText(denyRm)} (Auto mode)`,
				'what Kiln did': outcome(verdict)
			});
			expect(verdict.kind).toBe('deny');
		});
	}
});

describe('commands that only mention a denied one still run (Auto mode)', () => {
	const denyRm: PermissionRule[] = [{ action: 'deny', rule: 'bash(rm *)' }];
	test('grep, echo and a wrapper around grep', ({ task }) => {
		const commands = [
			'grep -r rm .',
			'echo rm -rf .',
			'nohup grep rm notes.txt',
			'find . -name rm'
		];
		const verdicts = commands.map(
			(command) => decidePermission('auto', denyRm, 'bash', { command }).kind
		);
		recordRow(task, {
			input: `${commands.join(' / ')} with ${rulesText(denyRm)} (Auto mode)`,
			'what Kiln did': verdicts.every((kind) => kind === 'allow')
				? 'ran them'
				: `refused some: ${verdicts.join(', ')}`
		});
		expect(verdicts).toEqual(['allow', 'allow', 'allow', 'allow']);
	});
});

describe('commands that ride on an allow rule (Ask mode)', () => {
	const allowTests: PermissionRule[] = [{ action: 'allow', rule: 'bash(npm test *)' }];
	for (const command of [
		'npm test > ~/.bashrc',
		'npm test >> ~/.profile',
		'npm test 2> src/index.js',
		'npm test &> package.json'
	]) {
		test(command, ({ task }) => {
			const verdict = decidePermission('ask', allowTests, 'bash', { command });
			recordRow(task, {
				input: `${command} with ${rulesText(allowTests)} (Ask mode)`,
				'what Kiln did': outcome(verdict)
			});
			expect(verdict.kind).toBe('ask');
		});
	}
	test('the allowed command with its output to /dev/null still runs', ({ task }) => {
		const command = 'npm test 2>&1 > /dev/null';
		const verdict = decidePermission('ask', allowTests, 'bash', { command });
		recordRow(task, {
			input: `${command} with ${rulesText(allowTests)} (Ask mode)`,
			'what Kiln did': outcome(verdict)
		});
		expect(verdict.kind).toBe('allow');
	});
});

describe('writing commands the read-only check must refuse (Plan mode)', () => {
	for (const command of [
		"sed -e'w /tmp/pwned' p",
		"sed -ne'w /tmp/pwned' p",
		'sed -nes/a/b/w\\ /tmp/pwned p',
		'echo -delete | xargs find .',
		'echo --output=/tmp/pwned | xargs git log',
		'echo -i | xargs sed -n p',
		"git grep -O'touch /tmp/pwned' foo",
		'git grep --open-files-in-pager=vi foo',
		'tree -R -H . -L 1'
	]) {
		test(command, ({ task }) => {
			const verdict = decidePermission('plan', [], 'bash', { command });
			recordRow(task, {
				input: `${command} (Plan mode)`,
				'what Kiln did': outcome(verdict)
			});
			expect(verdict.kind).toBe('deny');
		});
	}
	test('reading commands still run', ({ task }) => {
		const commands = [
			"sed -n '10,20p' a.txt",
			'sed -ne 5p a.txt',
			'ls | xargs wc -l',
			'git grep foo'
		];
		const verdicts = commands.map((command) => classifyCommand(command).readOnly);
		recordRow(task, {
			input: `${commands.join(' / ')} (Plan mode)`,
			'what Kiln did': verdicts.every(Boolean) ? 'ran them' : `refused some: ${verdicts.join(',')}`
		});
		expect(verdicts).toEqual([true, true, true, true]);
	});
});

describe('paths that dodge an edit rule', () => {
	const denySecrets: PermissionRule[] = [{ action: 'deny', rule: 'edit(secrets/**)' }];
	for (const path of ['src/../secrets/key', 'secrets/./key', 'Secrets/key', 'secrets\\key']) {
		test(path, ({ task }) => {
			const verdict = decidePermission('auto', denySecrets, 'write', { path });
			recordRow(task, {
				input: `write ${path} with ${rulesText(denySecrets)} (Auto mode)`,
				'what Kiln did': outcome(verdict)
			});
			expect(verdict.kind).toBe('deny');
		});
	}
	test('an allow rule does not reach outside its folder through ..', ({ task }) => {
		const allowSrc: PermissionRule[] = [{ action: 'allow', rule: 'edit(src/**)' }];
		const path = 'src/../package.json';
		const verdict = decidePermission('ask', allowSrc, 'edit', { path });
		recordRow(task, {
			input: `edit ${path} with ${rulesText(allowSrc)} (Ask mode)`,
			'what Kiln did': outcome(verdict)
		});
		expect(verdict.kind).toBe('ask');
	});
});

describe('edits to git’s own files (Auto-edit mode)', () => {
	// Git runs programs its config names, from commands that run unasked as read-only.
	for (const [path, rules, expected] of [
		['.git/config', [], 'ask'],
		['vendor/lib/.GIT/config', [], 'ask'],
		['.git', [], 'ask'],
		['.git/config', [{ action: 'allow', rule: 'edit' }], 'ask'],
		['.git/config', [{ action: 'allow', rule: 'edit(.git/**)' }], 'allow'],
		['.gitignore', [], 'allow'],
		['src/git/config.ts', [], 'allow']
	] as const) {
		test(`${path} with ${rulesText(rules) || 'no rules'}`, ({ task }) => {
			const verdict = decidePermission('auto-edit', rules, 'write', { path, content: 'x' });
			recordRow(task, {
				input: `write ${path} with ${rulesText(rules) || 'no rules'} (Auto-edit mode)`,
				'what Kiln did': outcome(verdict)
			});
			expect(verdict.kind).toBe(expected);
		});
	}
});

describe('read-only commands that read outside the project (CLI, Ask mode)', () => {
	const root = '/home/ada/project';
	for (const command of [
		'cat ~/.ssh/id_rsa',
		'grep -a ANTHROPIC_API_KEY /proc/*/environ',
		'cat ../other-project/.env',
		'find / -name id_rsa',
		'cd .. && cat secrets.txt',
		'git -C /home/ada/other log',
		'head < /etc/shadow',
		'tail -n 5 /var/log/syslog'
	]) {
		test(command, ({ task }) => {
			const verdict = decidePermission('ask', [], 'bash', { command }, root);
			const plan = decidePermission('plan', [], 'bash', { command }, root);
			recordRow(task, {
				input: `${command} (project ${root}; Ask mode, then Plan mode)`,
				'what Kiln did': `${outcome(verdict)}; in Plan mode ${outcome(plan)}`
			});
			expect(verdict.kind).toBe('ask');
			expect(plan.kind).toBe('deny');
		});
	}
	test('reading inside the project still runs unasked', ({ task }) => {
		const commands = [
			'cat src/app.ts',
			'cat /home/ada/project/src/app.ts',
			"grep -rn '/api/' src",
			"sed -n '/start/,/end/p' notes.md",
			'ls -la 2>/dev/null',
			'cat src/../README.md'
		];
		const verdicts = commands.map(
			(command) => decidePermission('ask', [], 'bash', { command }, root).kind
		);
		recordRow(task, {
			input: `${commands.join(' / ')} (project ${root}; Ask mode)`,
			'what Kiln did': verdicts.every((kind) => kind === 'allow')
				? 'ran them'
				: `not all: ${verdicts.join(', ')}`
		});
		expect(verdicts.every((kind) => kind === 'allow')).toBe(true);
	});
});

describe('"Always allow" for a command that runs another one', () => {
	// A prefix such as bash(timeout *) or bash(python3 *) would allow every command after it.
	for (const command of [
		'timeout 60 npm test',
		'env CI=1 npm test',
		"bash -c 'npm test'",
		"python3 -c 'print(1)'",
		'node scripts/build.mjs',
		'find . -name "*.tmp" -delete',
		'xargs -n 1 rm',
		"awk '{print $1}' data.txt"
	]) {
		test(command, ({ task }) => {
			const verdict = decidePermission('ask', [], 'bash', { command });
			const offered = verdict.kind === 'ask' ? verdict.alwaysRules : [];
			recordRow(task, {
				input: `Ask mode prompt for ${command}`,
				'what Kiln did': `"Always allow" would add: ${offered.join(', ') || '(no prompt)'}`
			});
			expect(verdict.kind).toBe('ask');
			expect(offered.some((rule) => rule.endsWith('*)'))).toBe(false);
		});
	}
	test('ordinary commands keep their prefix rule', ({ task }) => {
		const offered = ['npm test', 'rm -rf dist', 'git push origin main'].map((command) => {
			const verdict = decidePermission('ask', [], 'bash', { command });
			return verdict.kind === 'ask' ? verdict.alwaysRules.join(',') : '(none)';
		});
		recordRow(task, {
			input: 'Ask mode prompts for npm test / rm -rf dist / git push origin main',
			'what Kiln did': `"Always allow" would add: ${offered.join(' / ')}`
		});
		expect(offered).toEqual(['bash(npm test *)', 'bash(rm *)', 'bash(git push *)']);
	});
});
