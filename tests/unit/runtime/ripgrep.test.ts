import { describe, expect, it } from 'vitest';
import { parseOutput, ripgrepArgs } from '../../../src/lib/runtime/node/ripgrep';
import type { NativeGrepRequest } from '../../../src/lib/runtime/types';

const request: NativeGrepRequest = {
	pattern: '--files',
	ignoreCase: false,
	path: '-rf',
	globs: ['*.ts'],
	mode: 'content',
	context: 2
};

describe('ripgrepArgs', () => {
	it('passes the pattern after -e and the path after --, so neither reads as an option', () => {
		const args = ripgrepArgs(request);
		expect(args.slice(-4)).toEqual(['-e', '--files', '--', '-rf']);
		expect(args).toContain('-s');
		expect(args.join(' ')).toContain('-n -C 2');
	});

	it("puts the person's glob before the opaque-folder exclusions (the later glob wins)", () => {
		const args = ripgrepArgs(request);
		const glob = args.indexOf('*.ts');
		expect(glob).toBeGreaterThan(0);
		expect(args.indexOf('!node_modules/')).toBeGreaterThan(glob);
		expect(args.indexOf('!.git/')).toBeGreaterThan(glob);
	});

	it('reads no configuration and none of the ignore files the workspace does not read', () => {
		const args = ripgrepArgs({ ...request, path: '', mode: 'files', ignoreCase: true });
		for (const flag of [
			'--no-config',
			'--no-ignore-global',
			'--no-ignore-exclude',
			'--no-require-git',
			'-l',
			'-i'
		]) {
			expect(args).toContain(flag);
		}
		expect(args.at(-1)).toBe('--');
	});
});

describe('parseOutput', () => {
	const bytes = (text: string) => new TextEncoder().encode(text);

	it('reads files mode: NUL-terminated paths, any characters in them', () => {
		expect(parseOutput(bytes('a:b.ts\0dir with space/c\0'), 'files')).toEqual([
			{ path: 'a:b.ts', count: 1 },
			{ path: 'dir with space/c', count: 1 }
		]);
	});

	it('reads count mode', () => {
		expect(parseOutput(bytes('a.ts\x003\nb:1.ts\x0012\n'), 'count')).toEqual([
			{ path: 'a.ts', count: 3 },
			{ path: 'b:1.ts', count: 12 }
		]);
	});

	it('reads content mode with context lines and group separators', () => {
		const [file] = parseOutput(
			bytes('a.ts\x001-before\na.ts\x002:hit: x\r\na.ts\x003-after\n--\na.ts\x009:again\n'),
			'content'
		);
		expect(file!.path).toBe('a.ts');
		expect(file!.matched).toEqual([2, 9]);
		expect(file!.count).toBe(2);
		expect([...file!.lines!]).toEqual([
			[1, 'before'],
			[2, 'hit: x\r'],
			[3, 'after'],
			[9, 'again']
		]);
	});
});
