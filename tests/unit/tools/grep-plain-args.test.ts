/**
 * The CLI's ripgrep path reads grep's arguments without zod (grep-plain-args.ts). It must take
 * exactly what the tool's schema takes, with the same values: a call it accepted that the schema
 * refuses would be answered instead of explained.
 */
import { describe, expect, it } from 'vitest';
import { parseToolArgs } from '../../../src/lib/tools';
import { grepTool } from '../../../src/lib/tools/grep';
import { GREP_ARG_KEYS, plainGrepArgs } from '../../../src/lib/tools/grep-plain-args';

const VALID = { pattern: 'a' };

const CASES: Record<string, unknown> = {
	'the pattern alone': VALID,
	'every parameter': {
		pattern: 'fn\\s+\\w+',
		path: 'src',
		glob: '*.ts',
		output_mode: 'content',
		ignore_case: true,
		context: 50,
		head_limit: 1
	},
	'a JSON string': JSON.stringify({ pattern: 'x', output_mode: 'count' }),
	'an empty string': '',
	'a blank string': '  ',
	'a string that is not JSON': '{pattern: x}',
	'a JSON array': '[]',
	null: null,
	undefined: undefined,
	'a number': 3,
	'an array': [VALID],
	'no pattern': {},
	'an empty pattern': { pattern: '' },
	'a numeric pattern': { pattern: 5 },
	'null for an optional parameter': { pattern: 'a', path: null, head_limit: null },
	'null for the pattern': { pattern: null },
	'an unknown parameter': { pattern: 'a', paths: 'src' },
	'a numeric path': { pattern: 'a', path: 1 },
	'an empty glob': { pattern: 'a', glob: '' },
	'another output mode': { pattern: 'a', output_mode: 'lines' },
	'each output mode': { pattern: 'a', output_mode: 'files' },
	'ignore_case as text': { pattern: 'a', ignore_case: 'true' },
	'context 0': { pattern: 'a', output_mode: 'content', context: 0 },
	'context below 0': { pattern: 'a', context: -1 },
	'context above 50': { pattern: 'a', context: 51 },
	'a fractional context': { pattern: 'a', context: 2.5 },
	'context as text': { pattern: 'a', context: '3' },
	'head_limit 0': { pattern: 'a', head_limit: 0 },
	'a huge head_limit': { pattern: 'a', head_limit: 1e300 },
	'the largest safe head_limit': { pattern: 'a', head_limit: Number.MAX_SAFE_INTEGER },
	'an infinite head_limit': { pattern: 'a', head_limit: Infinity },
	'a NaN head_limit': { pattern: 'a', head_limit: NaN },
	'-0 context': { pattern: 'a', context: -0 },
	'an object for glob': { pattern: 'a', glob: { '*': 1 } }
};

describe('grep arguments read without the schema', () => {
	it('knows the same parameters as the schema', () => {
		expect([...GREP_ARG_KEYS].sort()).toEqual(Object.keys(grepTool.parameters.shape).sort());
	});

	it.each(Object.entries(CASES))('agrees with the schema on %s', (_, raw) => {
		const schema = parseToolArgs(grepTool, raw);
		const plain = plainGrepArgs(raw);
		if (schema.ok) expect(plain).toEqual(schema.args);
		else expect(plain).toBeUndefined();
	});

	it('agrees with the schema on every mix of good and bad values', () => {
		const values: Record<string, unknown[]> = {
			pattern: ['x', '', 1],
			path: [undefined, 'a/b', 0],
			glob: [undefined, '!*.md', false],
			output_mode: [undefined, 'content', 'all'],
			ignore_case: [undefined, false, 0],
			context: [undefined, 3, 50.5],
			head_limit: [undefined, 10, -2]
		};
		let mixes: Record<string, unknown>[] = [{}];
		for (const [key, options] of Object.entries(values)) {
			mixes = mixes.flatMap((mix) =>
				options.map((value) => (value === undefined ? mix : { ...mix, [key]: value }))
			);
		}
		let accepted = 0;
		for (const mix of mixes) {
			const schema = parseToolArgs(grepTool, mix);
			expect(plainGrepArgs(mix), JSON.stringify(mix)).toEqual(schema.ok ? schema.args : undefined);
			if (schema.ok) accepted++;
		}
		// Both verdicts occur: the comparison is not all one way.
		expect(accepted).toBeGreaterThan(0);
		expect(accepted).toBeLessThan(mixes.length);
	});
});
