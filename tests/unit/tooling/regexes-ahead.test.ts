import { readFileSync } from 'node:fs';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/esm/encodingParams/constants';
import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import type { RegexSource } from '../../../src/lib/runtime';
import {
	captureRegexes,
	importAhead,
	REGEXES_AHEAD,
	regexesAhead
} from '../../../tooling/regexes-ahead';

const [marked, tokenizer] = REGEXES_AHEAD;
const markedSources = captureRegexes(marked!.capture);
const tokenizerSources = captureRegexes(tokenizer!.capture);

/** Whether `sources` holds `rule`'s pair as V8's regexp cache keys it: pattern and flags. */
const covers = (sources: readonly RegexSource[], rule: RegExp) =>
	sources.some(([pattern, flags]) => {
		const built = new RegExp(pattern, flags);
		return built.source === rule.source && built.flags === rule.flags;
	});

describe('the regexes a library builds, taken at build time', () => {
	it("holds marked's GFM emphasis rules, the slow ones to parse, as marked uses them", () => {
		const { gfm } = Lexer.rules.inline;
		expect(gfm.emStrongRDelimAst.source).toContain('\\p{P}');
		expect(covers(markedSources, gfm.emStrongRDelimAst)).toBe(true);
		expect(covers(markedSources, gfm.emStrongLDelim)).toBe(true);
		expect(covers(markedSources, Lexer.rules.block.gfm.table)).toBe(true);
	});

	it("holds gpt-tokenizer's o200k split pattern", () => {
		expect(O200K_TOKEN_SPLIT_REGEX.source).toContain('\\p{Lo}');
		expect(covers(tokenizerSources, O200K_TOKEN_SPLIT_REGEX)).toBe(true);
	});

	it('keeps each pattern as the library passed it, so the cache finds the same key', () => {
		// A pattern taken back from `.source` would differ where it has a `/` (escaped there).
		expect(
			markedSources.some(([pattern]) => pattern.includes('/') && !pattern.includes('\\/'))
		).toBe(true);
		for (const [pattern, flags] of [...markedSources, ...tokenizerSources]) {
			expect(() => new RegExp(pattern, flags)).not.toThrow();
		}
	});

	it('is served as the virtual module the page imports', () => {
		const plugin = regexesAhead();
		const resolve = plugin.resolveId as unknown as (id: string) => string | undefined;
		const load = plugin.load as unknown as (id: string) => string | undefined;
		const id = resolve('virtual:kiln-tokenizer-regexes');
		expect(id).toBe('\0virtual:kiln-tokenizer-regexes');
		expect(resolve('virtual:kiln-other')).toBeUndefined();
		const served = JSON.parse(
			load(id!)!
				.replace(/^export default /, '')
				.replace(/;$/, '')
		);
		expect(served as RegexSource[]).toEqual(tokenizerSources);
	});
});

describe("a library's module in the page's build", () => {
	type Transform = (
		this: { environment: { config: { consumer: string } } },
		code: string,
		id: string
	) => { code: string } | undefined;
	const transform = regexesAhead().transform as unknown as Transform;

	it('imports the module that parses its regexes first, with its lines where they were', () => {
		for (const { builder, ahead } of REGEXES_AHEAD) {
			const source = readFileSync(builder, 'utf8');
			const code = importAhead(source, ahead);
			expect(code.startsWith(`import ${JSON.stringify(ahead)};`)).toBe(true);
			expect(code.split('\n').length).toBe(source.split('\n').length);
			expect(code.endsWith(source)).toBe(true);
		}
		expect(marked!.ahead).toMatch(/src\/lib\/components\/chat\/marked-regexes-ahead\.ts$/);
		expect(tokenizer!.builder).toMatch(/gpt-tokenizer\/esm\/encodingParams\/constants\.js$/);
	});

	it('is changed for the page only, and only the module that builds them', () => {
		const client = { environment: { config: { consumer: 'client' } } };
		const server = { environment: { config: { consumer: 'server' } } };
		expect(transform.call(client, 'x', marked!.builder)?.code).toBe(
			importAhead('x', marked!.ahead)
		);
		expect(transform.call(server, 'x', marked!.builder)).toBeUndefined();
		expect(transform.call(client, 'x', '/elsewhere/marked.js')).toBeUndefined();
	});
});
