import { afterEach, describe, expect, it } from 'vitest';
import { parseRegexesAhead } from '$lib/runtime';

const Native = RegExp;
afterEach(() => {
	globalThis.RegExp = Native;
});

/** Records every `new RegExp(pattern, flags)` and every pause, in the order they happen. */
function watch(): string[] {
	const events: string[] = [];
	globalThis.RegExp = new Proxy(Native, {
		construct(target, args: [string, string], newTarget) {
			events.push(`parse ${args[0]} /${args[1]}`);
			return Reflect.construct(target, args, newTarget) as RegExp;
		}
	});
	return events;
}

describe('parseRegexesAhead', () => {
	it('parses each pattern with its flags, in order, offering a pause after each', async () => {
		const events = watch();
		await parseRegexesAhead(
			[
				['[\\p{P}\\p{S}]', 'gu'],
				['^a', '']
			],
			async () => void events.push('pause')
		);
		expect(events).toEqual(['parse [\\p{P}\\p{S}] /gu', 'pause', 'parse ^a /', 'pause']);
	});

	it('goes on past a pattern this engine cannot parse', async () => {
		const events = watch();
		await expect(
			parseRegexesAhead(
				[
					['(', ''],
					['b', 'i']
				],
				async () => {}
			)
		).resolves.toBeUndefined();
		expect(events).toEqual(['parse ( /', 'parse b /i']);
	});
});
