import { describe, expect, it } from 'vitest';
import { filterEntries, LEVEL_GROUPS, requestLine } from '$lib/components/preview';
import type { PreviewLogEntry } from '$lib/tools';

const entries: PreviewLogEntry[] = [
	{ kind: 'console', level: 'log', text: 'starting', at: 1 },
	{ kind: 'console', level: 'debug', text: 'details', at: 2 },
	{ kind: 'console', level: 'warn', text: 'deprecated API', at: 3 },
	{ kind: 'error', level: 'error', text: 'Boom', source: { path: 'src/App.js', line: 3 }, at: 4 },
	{
		kind: 'request-failed',
		level: 'error',
		text: 'GET failed',
		url: '/api/users',
		status: 500,
		at: 5
	}
];
const all = new Set(LEVEL_GROUPS.map((group) => group.id));

describe('Console filtering', () => {
	it('shows everything by default, keyed by position in everything ever added', () => {
		const shown = filterEntries(entries, 10, { groups: all, text: '' });
		expect(shown.map((item) => item.key)).toEqual([10, 11, 12, 13, 14]);
	});

	it('shows only the levels turned on (debug goes with logs)', () => {
		const errors = filterEntries(entries, 0, { groups: new Set(['error']), text: '' });
		expect(errors.map((item) => item.entry.text)).toEqual(['Boom', 'GET failed']);
		const logs = filterEntries(entries, 0, { groups: new Set(['log']), text: '' });
		expect(logs.map((item) => item.entry.text)).toEqual(['starting', 'details']);
	});

	it('finds text in the message, URL or source path, ignoring case', () => {
		const find = (text: string) =>
			filterEntries(entries, 0, { groups: all, text }).map((item) => item.key);
		expect(find('DEPRECATED')).toEqual([2]);
		expect(find('api/users')).toEqual([4]);
		expect(find('app.js')).toEqual([3]);
		expect(find('nothing like this')).toEqual([]);
	});

	it('describes failed requests and navigations readably when their message is empty', () => {
		const failed = { ...entries[4]!, text: '' };
		expect(requestLine(failed)).toBe('/api/users — HTTP 500');
		expect(requestLine({ ...failed, status: 0 })).toMatch(/network error/);
		expect(
			requestLine({ kind: 'navigation', level: 'info', text: '', url: '/about.html', at: 1 })
		).toBe('Navigated to /about.html');
		// The bridge's own text says it already ("GET /api/users → 500"): not said twice.
		expect(requestLine(entries[4]!)).toBeNull();
		expect(requestLine(entries[0]!)).toBeNull();
	});
});
