import { describe, expect, it } from 'vitest';
import { changeDiff, MAX_DIFF_BYTES } from '$lib/state/changes';

describe('changeDiff', () => {
	it('shows text sides, an added file against nothing and a deleted one against nothing', () => {
		expect(changeDiff({ path: 'a.ts', status: 'modified', before: 'a\n', after: 'b\n' })).toEqual({
			kind: 'text',
			before: 'a\n',
			after: 'b\n'
		});
		const added = changeDiff({
			path: 'n.ts',
			status: 'added',
			before: null,
			after: new TextEncoder().encode('new\n')
		});
		expect(added).toEqual({ kind: 'text', before: '', after: 'new\n' });
		expect(changeDiff({ path: 'd.ts', status: 'deleted', before: 'old', after: null })).toEqual({
			kind: 'text',
			before: 'old',
			after: ''
		});
	});

	it('says "binary" with the sizes instead of diffing bytes', () => {
		const diff = changeDiff({
			path: 'logo.png',
			status: 'modified',
			before: new Uint8Array([0x89, 0, 1]),
			after: new Uint8Array(2048)
		});
		expect(diff).toEqual({
			kind: 'binary',
			message:
				'Binary file (3 bytes before, 2,048 bytes after): no text diff to show. Revert still restores the exact bytes.'
		});
	});

	it('says "too large to diff" past the limit, on either side', () => {
		const big = 'x'.repeat(MAX_DIFF_BYTES + 1);
		const diff = changeDiff({ path: 'big.txt', status: 'added', before: null, after: big });
		expect(diff.kind).toBe('too-large');
		expect(diff.kind !== 'text' && diff.message).toMatch(
			/^Too large to diff \(added, 262,145 bytes; the limit is 262,144 bytes\)\./
		);
		expect(changeDiff({ path: 'big.txt', status: 'modified', before: big, after: 'y' }).kind).toBe(
			'too-large'
		);
	});
});
