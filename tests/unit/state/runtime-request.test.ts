import { describe, expect, it } from 'vitest';
import { parseRuntimeRequest } from '../../../src/lib/state';

describe('parseRuntimeRequest', () => {
	it.each([
		['?runtime=browser', 'browser'],
		['?runtime=webcontainer', 'webcontainer'],
		['?runtime=node', 'auto'],
		['?runtime=', 'auto'],
		['', 'auto']
	])('%s → %s', (search, expected) => {
		expect(parseRuntimeRequest(new URLSearchParams(search))).toBe(expected);
	});
});
