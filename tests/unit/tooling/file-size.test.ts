// Small files with one purpose: no source file in src/ may pass 400 lines (split it instead).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 400;
const SOURCE = /\.(ts|js|svelte|css|html)$/;

function lineCount(text: string): number {
	if (text === '') return 0;
	return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Source files under `root` with more than `max` lines, with their counts. */
function oversized(root: string, max = MAX_LINES): string[] {
	return readdirSync(root, { recursive: true })
		.map(String)
		.filter((file) => SOURCE.test(file))
		.flatMap((file) => {
			const lines = lineCount(readFileSync(join(root, file), 'utf8'));
			return lines > max ? [`${join(root, file)}: ${lines} lines`] : [];
		});
}

describe('file size', () => {
	it(`keeps every source file in src/ at ${MAX_LINES} lines or fewer`, () => {
		expect(oversized('src')).toEqual([]);
	});

	it('counts lines as wc -l does, so the check can fail', () => {
		expect(lineCount('a\nb\n')).toBe(2);
		expect(lineCount('a\nb')).toBe(2);
		expect(oversized('src', 10).length).toBeGreaterThan(0);
	});
});
