import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import {
	captureMarkedRegexes,
	importAheadOfMarked,
	markedRegexes,
	type RegexSource
} from '../../../tooling/marked-regexes';

const sources = captureMarkedRegexes();

/** The same pair as V8's regexp cache sees it: the pattern as written and the flags. */
const covers = (rule: RegExp) =>
	sources.some(([pattern, flags]) => {
		const built = new RegExp(pattern, flags);
		return built.source === rule.source && built.flags === rule.flags;
	});

describe('the regexes marked builds, taken at build time', () => {
	it('holds the GFM emphasis rules, the slow ones to parse, as marked uses them', () => {
		const { gfm } = Lexer.rules.inline;
		expect(gfm.emStrongRDelimAst.source).toContain('\\p{P}');
		expect(covers(gfm.emStrongRDelimAst)).toBe(true);
		expect(covers(gfm.emStrongLDelim)).toBe(true);
		expect(covers(Lexer.rules.block.gfm.table)).toBe(true);
	});

	it('keeps each pattern as marked passed it, so the cache finds the same key', () => {
		// A pattern taken back from `.source` would differ where it has a `/` (escaped there).
		expect(sources.some(([pattern]) => pattern.includes('/') && !pattern.includes('\\/'))).toBe(
			true
		);
		for (const [pattern, flags] of sources) expect(() => new RegExp(pattern, flags)).not.toThrow();
	});

	it('is served as the virtual module the page imports', () => {
		const plugin = markedRegexes();
		const resolve = plugin.resolveId as unknown as (id: string) => string | undefined;
		const load = plugin.load as unknown as (id: string) => string | undefined;
		const id = resolve('virtual:kiln-marked-regexes');
		expect(id).toBe('\0virtual:kiln-marked-regexes');
		const served = JSON.parse(
			load(id!)!
				.replace(/^export default /, '')
				.replace(/;$/, '')
		);
		expect(served as RegexSource[]).toEqual(sources);
	});
});

describe("marked's module in the page's build", () => {
	const marked = readFileSync(createRequire(import.meta.url).resolve('marked'), 'utf8');

	it('imports the module that parses its regexes first, with its lines where they were', () => {
		const code = importAheadOfMarked(marked);
		expect(code).toMatch(/^import "[^"]*\/src\/lib\/components\/chat\/marked-regexes-ahead\.ts";/);
		expect(code.split('\n').length).toBe(marked.split('\n').length);
		expect(code.endsWith(marked)).toBe(true);
	});

	it('is changed for the page only: Node keeps marked as it is', () => {
		const transform = markedRegexes().transform as unknown as (
			this: { environment: { config: { consumer: string } } },
			code: string,
			id: string
		) => { code: string } | undefined;
		const id = createRequire(import.meta.url).resolve('marked');
		const asClient = transform.call({ environment: { config: { consumer: 'client' } } }, 'x', id);
		const asServer = transform.call({ environment: { config: { consumer: 'server' } } }, 'x', id);
		expect(asClient?.code).toBe(importAheadOfMarked('x'));
		expect(asServer).toBeUndefined();
	});
});
