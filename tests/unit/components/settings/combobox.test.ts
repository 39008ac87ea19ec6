import { describe, expect, it } from 'vitest';
import { filterOptions, moveActive } from '../../../../src/lib/components/settings/combobox';

const options = [
	{ id: 'claude-haiku-5-5' },
	{ id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5' },
	{ id: 'my-sonnet-tune' },
	{ id: 'gpt-5.4' }
];

describe('filterOptions', () => {
	it('shows every option when nothing is typed', () => {
		expect(filterOptions(options, '  ')).toEqual(options);
	});

	it('matches in the id or the display name, ignoring case, those starting with it first', () => {
		expect(filterOptions(options, 'SONNET').map((o) => o.id)).toEqual([
			'claude-sonnet-5',
			'my-sonnet-tune'
		]);
		expect(filterOptions(options, 'my').map((o) => o.id)).toEqual(['my-sonnet-tune']);
		expect(filterOptions(options, 'claude sonnet').map((o) => o.id)).toEqual(['claude-sonnet-5']);
	});

	it('finds nothing for a name no option has', () => {
		expect(filterOptions(options, 'mock-model')).toEqual([]);
	});
});

describe('moveActive', () => {
	it('starts at the first (down) or the last (up) and wraps at the ends', () => {
		expect(moveActive(-1, 1, 4)).toBe(0);
		expect(moveActive(-1, -1, 4)).toBe(3);
		expect(moveActive(3, 1, 4)).toBe(0);
		expect(moveActive(0, -1, 4)).toBe(3);
		expect(moveActive(1, 1, 4)).toBe(2);
	});

	it('has nothing to move to in an empty list', () => {
		expect(moveActive(-1, 1, 0)).toBe(-1);
	});
});
