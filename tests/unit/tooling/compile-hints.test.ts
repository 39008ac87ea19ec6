import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, HINTED_PACKAGES, hintChunk } from '../../../tooling/compile-hints';

const XTERM = '/repo/node_modules/@xterm/xterm/lib/xterm.mjs';
const FIT = '/repo/node_modules/@xterm/addon-fit/lib/addon-fit.mjs';
const APP = '/repo/src/lib/components/terminal/xterm.ts';
const CODE = 'var a=1;\nfunction open(){return a}\nexport{open};\n';

describe('the compile hint on the chunks whose code runs at once', () => {
	it("puts V8's hint on the first line of xterm's chunk and keeps the code after it", () => {
		const hinted = hintChunk(CODE, [XTERM, FIT, APP], HINTED_PACKAGES);
		expect(hinted?.code.split('\n')[0]).toBe(COMPILE_HINT);
		expect(hinted?.code).toBe(`${COMPILE_HINT}\n${CODE}`);
	});

	it('leaves every other chunk as it is, a package of the same scope too', () => {
		expect(hintChunk(CODE, [APP], HINTED_PACKAGES)).toBeNull();
		expect(hintChunk(CODE, [FIT, APP], HINTED_PACKAGES)).toBeNull();
		expect(hintChunk(CODE, ['/repo/node_modules/just-bash/dist/index.js'], HINTED_PACKAGES)).toBe(
			null
		);
	});

	it('does not hint a chunk twice', () => {
		const once = hintChunk(CODE, [XTERM], HINTED_PACKAGES)!;
		expect(hintChunk(once.code, [XTERM], HINTED_PACKAGES)).toBeNull();
	});

	it('maps the code below the hint back to its own lines', () => {
		const lines = hintChunk(CODE, [XTERM], HINTED_PACKAGES)!.map.mappings.split(';');
		// The hint's line maps to nothing; the next starts at the chunk's first line as the minifier
		// left it ("AAAA": column 0, source 0, line 0, column 0) and the one after a line below it
		// (its third letter, the line, moves by one: "C").
		expect(lines[0]).toBe('');
		expect(lines[1]).toMatch(/^AAAA/);
		expect(lines[2]).toMatch(/^AAC/);
	});
});
