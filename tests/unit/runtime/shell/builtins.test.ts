import { describe, expect, it } from 'vitest';
import {
	parseExportedWords,
	parseShellLine,
	resolveCdTarget,
	unquote
} from '../../../../src/lib/runtime/shell/builtins';

describe('parseShellLine', () => {
	it('recognises the builtins', () => {
		expect(parseShellLine('   ')).toEqual({ kind: 'empty' });
		expect(parseShellLine('clear')).toEqual({ kind: 'clear' });
		expect(parseShellLine('exit')).toEqual({ kind: 'exit', code: 0 });
		expect(parseShellLine('exit 3')).toEqual({ kind: 'exit', code: 3 });
		expect(parseShellLine('unset A B')).toEqual({ kind: 'unset', names: ['A', 'B'] });
		expect(parseShellLine('export A="x y"')).toEqual({ kind: 'export', words: 'A="x y"' });
	});

	it('reads cd with a plain, quoted or escaped path and an optional command after it', () => {
		expect(parseShellLine('cd')).toEqual({ kind: 'cd', target: undefined });
		expect(parseShellLine("cd 'my dir'")).toEqual({ kind: 'cd', target: 'my dir' });
		expect(parseShellLine('cd my\\ dir && ls -la')).toEqual({
			kind: 'cd',
			target: 'my dir',
			then: { command: 'ls -la', always: false }
		});
		expect(parseShellLine('cd src; pwd')).toEqual({
			kind: 'cd',
			target: 'src',
			then: { command: 'pwd', always: true }
		});
	});

	it('refuses a cd it cannot follow instead of running it in a throwaway shell', () => {
		expect(parseShellLine('cd $HOME').kind).toBe('unsupported');
		expect(parseShellLine('cd a | cat').kind).toBe('unsupported');
	});

	it('passes everything else through unchanged', () => {
		expect(parseShellLine('ls && cd src')).toEqual({ kind: 'command', command: 'ls && cd src' });
		expect(parseShellLine('export')).toEqual({ kind: 'command', command: 'export' });
		expect(parseShellLine('exit now')).toEqual({ kind: 'command', command: 'exit now' });
	});

	it('unquotes words', () => {
		expect(unquote(`a\\ b'c d'"e f"`)).toBe('a bc de f');
	});
});

describe('resolveCdTarget', () => {
	it('resolves relative, rooted, home and previous targets', () => {
		expect(resolveCdTarget('src', undefined, 'lib')).toEqual({ ok: true, path: 'src/lib' });
		expect(resolveCdTarget('src/lib', undefined, '..')).toEqual({ ok: true, path: 'src' });
		expect(resolveCdTarget('src', undefined, '/docs')).toEqual({ ok: true, path: 'docs' });
		expect(resolveCdTarget('src', undefined, '~/docs')).toEqual({ ok: true, path: 'docs' });
		expect(resolveCdTarget('src', undefined, '~')).toEqual({ ok: true, path: '' });
		expect(resolveCdTarget('src', undefined, undefined)).toEqual({ ok: true, path: '' });
		expect(resolveCdTarget('src', 'docs', '-')).toEqual({ ok: true, path: 'docs' });
	});

	it('explains targets it cannot reach', () => {
		expect(resolveCdTarget('', undefined, '..')).toEqual({
			ok: false,
			message: 'cd: .. is outside the project'
		});
		expect(resolveCdTarget('', undefined, '-')).toEqual({
			ok: false,
			message: 'cd: no previous directory'
		});
	});
});

describe('parseExportedWords', () => {
	it('reads NUL-separated assignments, keeping spaces and newlines in values', () => {
		expect(parseExportedWords('A=x y\0B=1\n2\0C\0')).toEqual({
			ok: true,
			assignments: { A: 'x y', B: '1\n2' }
		});
	});

	it('rejects invalid names', () => {
		expect(parseExportedWords('1A=x\0')).toEqual({
			ok: false,
			message: 'export: not a valid identifier: 1A=x'
		});
	});
});
