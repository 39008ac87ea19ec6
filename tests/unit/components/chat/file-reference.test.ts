import { describe, expect, it } from 'vitest';
import {
	findFileReferences,
	parseFileReference,
	splitByReferences
} from '$lib/components/chat/file-reference';

const files = new Set(['src/app.ts', 'README.md', '.env', 'lib/a.test.ts', 'build']);
const isFile = (path: string) => files.has(path);

describe('parseFileReference (inline code)', () => {
	it('reads a path with or without a line and column', () => {
		expect(parseFileReference('src/app.ts')).toEqual({ path: 'src/app.ts' });
		expect(parseFileReference('src/app.ts:12')).toEqual({ path: 'src/app.ts', line: 12 });
		expect(parseFileReference('src/app.ts:12:5')).toEqual({
			path: 'src/app.ts',
			line: 12,
			column: 5
		});
		expect(parseFileReference('src/app.ts#L12')).toEqual({ path: 'src/app.ts', line: 12 });
		expect(parseFileReference('./src/app.ts')).toEqual({ path: 'src/app.ts' });
		expect(parseFileReference('.env')).toEqual({ path: '.env' });
	});

	it('is not fooled by code or paths that leave the project', () => {
		expect(parseFileReference('const a = 1')).toBeUndefined();
		expect(parseFileReference('../secret.ts')).toBeUndefined();
		expect(parseFileReference('/etc/passwd')).toBeUndefined();
		expect(parseFileReference('src/../app.ts')).toBeUndefined();
		expect(parseFileReference('https://example.com/a.ts')).toBeUndefined();
	});
});

describe('findFileReferences (running text)', () => {
	it('finds existing files in grep results and sentences, with their lines', () => {
		const grep = 'src/app.ts:3:const a = 1;\nlib/a.test.ts:10:it("x")\nmissing.ts:1:x';
		expect(findFileReferences(grep, isFile)).toMatchObject([
			{ path: 'src/app.ts', line: 3, start: 0, end: 12 },
			{ path: 'lib/a.test.ts', line: 10 }
		]);
		const sentence = 'I changed src/app.ts. See README.md#L4 and .env too.';
		expect(findFileReferences(sentence, isFile).map((found) => [found.path, found.line])).toEqual([
			['src/app.ts', undefined],
			['README.md', 4],
			['.env', undefined]
		]);
	});

	it('leaves invented paths, bare words and addresses alone', () => {
		expect(findFileReferences('run the build', isFile)).toEqual([]);
		expect(findFileReferences('see https://example.com/src/app.ts', isFile)).toEqual([]);
		expect(findFileReferences('nope/src/app.ts and ../src/app.ts', isFile)).toEqual([]);
	});

	it('splits text into plain runs and references', () => {
		expect(splitByReferences('a src/app.ts:2 b', isFile)).toEqual([
			'a ',
			{ path: 'src/app.ts', line: 2, column: undefined, start: 2, end: 14 },
			' b'
		]);
	});
});
