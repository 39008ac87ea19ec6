import { describe, expect, it } from 'vitest';
import { History } from '../../../../src/lib/runtime/shell/history';

describe('history', () => {
	it('walks back and forward, returning the draft at the end', () => {
		const history = new History();
		history.add('one');
		history.add('two');
		expect(history.previous('draft')).toBe('two');
		expect(history.previous('two')).toBe('one');
		expect(history.previous('one')).toBeUndefined();
		expect(history.next()).toBe('two');
		expect(history.next()).toBe('draft');
		expect(history.next()).toBeUndefined();
	});

	it('skips blank lines and immediate repeats, and keeps a bounded list', () => {
		const history = new History(2);
		for (const line of ['a', 'a', '  ', 'b', 'c']) history.add(line);
		expect(history.entries).toEqual(['b', 'c']);
	});

	it('starts from the newest entry again after a submit', () => {
		const history = new History();
		history.add('one');
		history.add('two');
		history.previous('');
		history.previous('');
		history.add('three');
		expect(history.previous('')).toBe('three');
	});
});
