import { describe, expect, it } from 'vitest';
import { matchFiles } from '../../../../src/lib/components/ide/quick-open';

const paths = ['README.md', 'src/main.ts', 'src/lib/math.ts', 'index.html', 'src/style.css'];

describe('matchFiles', () => {
	it('keeps the given order when nothing is typed', () => {
		expect(matchFiles('', paths).map((m) => m.path)).toEqual(paths);
		expect(matchFiles('  ', paths, 2).map((m) => m.path)).toEqual(['README.md', 'src/main.ts']);
	});

	it('matches letters in order across the path, best match first', () => {
		const result = matchFiles('main', paths).map((m) => m.path);
		expect(result[0]).toBe('src/main.ts');
		expect(result).not.toContain('README.md');
	});

	it('reports which characters matched', () => {
		const [first] = matchFiles('css', paths);
		expect(first?.path).toBe('src/style.css');
		expect(first?.indexes.map((i) => first.path[i]).join('')).toBe('css');
	});

	it('finds nothing for letters that are not there', () => {
		expect(matchFiles('zzz', paths)).toEqual([]);
	});
});
