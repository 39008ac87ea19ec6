import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PermissionPrompt } from '../../../src/lib/agent/permissions';
import { resolvePermissionOptions } from '../../../src/cli/permission-options';
import { createTerminalPrompter } from '../../../src/cli/permission-prompt';
import { UsageError } from '../../../src/cli/usage-error';

const NPM_TEST: PermissionPrompt = {
	toolCallId: 'c1',
	toolName: 'bash',
	args: { command: 'npm test' },
	summary: 'npm test',
	alwaysRules: ['bash(npm test *)']
};

/** A prompter over in-memory streams; `typed` lines are fed once the question is printed. */
function terminal(...typed: string[]) {
	const input = new PassThrough();
	const output = new PassThrough();
	let printed = '';
	output.setEncoding('utf8').on('data', (chunk: string) => {
		printed += chunk;
		// Each time the question appears, the person types the next line.
		if (chunk.includes('Choose 1, 2 or 3')) {
			const line = typed.shift();
			if (line === undefined) input.end();
			else input.write(`${line}\n`);
		}
	});
	const prompter = createTerminalPrompter({ input, output });
	return { prompter, printed: () => printed };
}

describe('the terminal permission prompt', () => {
	it('shows the command and the three choices, and takes "2" as Always', async () => {
		const { prompter, printed } = terminal('2');
		expect(await prompter(NPM_TEST, new AbortController().signal)).toBe('always');
		expect(printed()).toContain('Kiln wants to run this command:\n  npm test\n');
		expect(printed()).toContain('1) Allow once');
		expect(printed()).toContain('2) Always for this command prefix (bash(npm test *))');
		expect(printed()).toContain('3) Deny');
		expect(printed()).toContain('Allowed from now on in this run: bash(npm test *)');
	});

	it('takes 1 / y as Allow once and 3 / n as Deny', async () => {
		const signal = new AbortController().signal;
		expect(await terminal('1').prompter(NPM_TEST, signal)).toBe('allow');
		expect(await terminal('y').prompter(NPM_TEST, signal)).toBe('allow');
		expect(await terminal('3').prompter(NPM_TEST, signal)).toBe('deny');
		expect(await terminal('n').prompter(NPM_TEST, signal)).toBe('deny');
	});

	it('asks again after an answer that is none of the choices', async () => {
		const { prompter, printed } = terminal('maybe', '1');
		expect(await prompter(NPM_TEST, new AbortController().signal)).toBe('allow');
		expect(printed()).toContain('Type 1 (allow once), 2 (always) or 3 (deny).');
	});

	it('denies when the input ends or the turn is stopped while it waits', async () => {
		expect(await terminal().prompter(NPM_TEST, new AbortController().signal)).toBe('deny');
		const input = new PassThrough();
		const output = new PassThrough();
		const controller = new AbortController();
		output.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Choose')) controller.abort();
		});
		const prompter = createTerminalPrompter({ input, output });
		expect(await prompter(NPM_TEST, controller.signal)).toBe('deny');
	});

	it('names the file for edits', async () => {
		const { prompter, printed } = terminal('3');
		await prompter(
			{ toolCallId: 'e', toolName: 'edit', args: {}, summary: 'src/a.ts', alwaysRules: ['edit'] },
			new AbortController().signal
		);
		expect(printed()).toContain('Kiln wants to edit this file:\n  src/a.ts\n');
		expect(printed()).toContain('2) Always for edit in this run');
	});
});

describe('kiln run permission options', () => {
	it('defaults to ask with a terminal, and refuses to guess without one', () => {
		expect(resolvePermissionOptions({}, true)).toEqual({ mode: 'ask', rules: [] });
		expect(() => resolvePermissionOptions({}, false)).toThrow(UsageError);
		expect(() => resolvePermissionOptions({}, false)).toThrow(/--permission-mode auto/);
	});

	it('takes a mode and rules, and says what is wrong with a bad one', () => {
		expect(
			resolvePermissionOptions(
				{ mode: 'auto-edit', allow: ['Bash(npm test)'], deny: ['bash(rm *)'] },
				false
			)
		).toEqual({
			mode: 'auto-edit',
			rules: [
				{ action: 'deny', rule: 'bash(rm *)' },
				{ action: 'allow', rule: 'bash(npm test)' }
			]
		});
		expect(() => resolvePermissionOptions({ mode: 'yolo' }, true)).toThrow(
			/Unknown --permission-mode 'yolo'. Use one of ask, auto-edit, auto, plan/
		);
		expect(() => resolvePermissionOptions({ mode: 'ask', allow: ['npm test'] }, true)).toThrow(
			/--allow 'npm test': "npm test" is not a rule/
		);
	});
});
