import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isText, PathScanner, TextFilter } from '../../../src/lib/runtime/node/text-filter';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('PathScanner', () => {
	it('finds each path of files-mode output however the chunks split it', () => {
		const output = bytes('src/a.ts\0lib/b ü.ts\0c.md\0');
		for (let cut = 0; cut <= output.length; cut++) {
			const scanner = new PathScanner(true);
			const paths = [
				...scanner.scan(output.subarray(0, cut)),
				...scanner.scan(output.subarray(cut))
			];
			expect(paths).toEqual(['src/a.ts', 'lib/b ü.ts', 'c.md']);
		}
	});

	it('takes the path from each content line and skips group separators', () => {
		const output = bytes('a.ts\x002:match\na.ts\x003-context\n--\nb.ts\x0010:again\n');
		for (let cut = 0; cut <= output.length; cut++) {
			const scanner = new PathScanner(false);
			const paths = [
				...scanner.scan(output.subarray(0, cut)),
				...scanner.scan(output.subarray(cut))
			];
			expect(paths).toEqual(['a.ts', 'a.ts', 'b.ts']);
		}
	});
});

describe('TextFilter', () => {
	let dir = '';
	afterEach(async () => {
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('keeps text and drops what the workspace treats as binary, wherever the NUL is', async () => {
		dir = await mkdtemp(join(tmpdir(), 'kiln-text-filter-'));
		await writeFile(join(dir, 'text.ts'), 'const a = 1;\n');
		// A match early, a NUL far past the first 8 KB: ripgrep would report it, the workspace skips it.
		await writeFile(
			join(dir, 'late-nul.bin'),
			Buffer.concat([Buffer.from('match\n'), Buffer.alloc(20_000, 'x'), Buffer.from([0])])
		);
		await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
		const filter = new TextFilter(dir);
		for (const path of ['text.ts', 'late-nul.bin', 'latin1.txt', 'text.ts', 'gone.ts'])
			filter.add(path);
		const isText = await filter.verdicts();
		expect(['text.ts', 'late-nul.bin', 'latin1.txt', 'gone.ts'].map(isText)).toEqual([
			true,
			false,
			false,
			false
		]);
	});

	it('answers at once when nothing was added, and checks a path it was never given', async () => {
		dir = await mkdtemp(join(tmpdir(), 'kiln-text-filter-'));
		await writeFile(join(dir, 'late.ts'), 'ok\n');
		const isText = await new TextFilter(dir).verdicts();
		expect(isText('late.ts')).toBe(true);
	});
});

describe('isText', () => {
	const head = (tail: number[]) =>
		new Uint8Array([...new Uint8Array(8 * 1024 - 1).fill(0x61), ...tail, 0x61, 0x0a]);

	it('accepts a character cut by the 8 KB mark and rejects a bad byte there', () => {
		// "é" (C3 A9) starts at the last byte of the first 8 KB: valid, as the workspace decodes it.
		expect(isText(head([0xc3, 0xa9]))).toBe(true);
		// A lone continuation byte at the same place is invalid UTF-8.
		expect(isText(head([0xa9]))).toBe(false);
	});

	it('looks only at the first 8 KB for UTF-8, and everywhere for a NUL', () => {
		const late = (byte: number) =>
			new Uint8Array([...new Uint8Array(9 * 1024).fill(0x61), byte, 0x0a]);
		expect(isText(late(0xff))).toBe(true);
		expect(isText(late(0x00))).toBe(false);
	});
});
