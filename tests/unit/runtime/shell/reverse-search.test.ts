import { describe, expect, it } from 'vitest';
import {
	matchOf,
	narrow,
	older,
	searchPrompt,
	startSearch,
	widen
} from '../../../../src/lib/runtime/shell/reverse-search';

const entries = ['git status', 'echo apple-pie', 'ls', 'echo apple-crumble', 'echo banana'];

describe('reverse search (Ctrl+R)', () => {
	it('finds the newest entry containing what was typed, narrowing as typing goes on', () => {
		let state = narrow(startSearch, entries, 'app');
		expect(matchOf(state, entries)).toBe('echo apple-crumble');
		state = narrow(state, entries, 'le-p');
		expect(matchOf(state, entries)).toBe('echo apple-pie');
		expect(searchPrompt(state)).toBe("(reverse-i-search)`apple-p': ");
	});

	it('steps to older matches with Ctrl+R and says when there are none left', () => {
		let state = narrow(startSearch, entries, 'echo');
		expect(matchOf(state, entries)).toBe('echo banana');
		state = older(state, entries);
		expect(matchOf(state, entries)).toBe('echo apple-crumble');
		state = older(older(state, entries), entries);
		expect(matchOf(state, entries)).toBe('echo apple-pie');
		expect(state.found).toBe(false);
		expect(searchPrompt(state)).toContain('failed reverse-i-search');
	});

	it('keeps the last match when the query stops matching, and Backspace widens again', () => {
		let state = narrow(startSearch, entries, 'ban');
		state = narrow(state, entries, 'x');
		expect(state.found).toBe(false);
		expect(matchOf(state, entries)).toBe('echo banana');
		state = widen(state, entries);
		expect(state).toMatchObject({ query: 'ban', found: true });
		expect(matchOf(widen(widen(widen(state, entries), entries), entries), entries)).toBe('');
	});
});
