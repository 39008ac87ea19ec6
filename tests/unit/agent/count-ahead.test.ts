/**
 * A request's texts are counted ahead of its estimate in short tasks (tokens.ts countAhead): a
 * long text a part at a time, cut where the parts' counts add up to the whole's, so the estimate
 * is the same as counting each text at once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	countableParts,
	countAhead,
	countTokens,
	knownTokenCount,
	loadTokenizer
} from '../../../src/lib/agent';

beforeAll(async () => {
	expect(await loadTokenizer()).toBe(true);
});

/** o200k as the app counts: special tokens' text is plain text. */
const count = (text: string) => o200kCount(text, { disallowedSpecial: new Set<string>() });

/** Real text of every kind a request holds: code, Markdown, JSON, CSS. */
function sampleFiles(): string[] {
	const files: string[] = [];
	const walk = (folder: string) => {
		for (const name of readdirSync(folder)) {
			const path = join(folder, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.(ts|svelte|md|json|css)$/.test(name) && statSync(path).size > 2_500) {
				files.push(path);
			}
		}
	};
	walk('src/lib/agent');
	walk('src/lib/components/chat');
	walk('docs');
	return files;
}

describe('countableParts', () => {
	it('cuts real files into parts whose counts add up to the whole file’s', () => {
		const files = sampleFiles();
		expect(files.length).toBeGreaterThan(20);
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			for (const size of [300, 2_000]) {
				const parts = [...countableParts(text, size)];
				expect(parts.join('')).toBe(text);
				if (text.length > size * 3) expect(parts.length, file).toBeGreaterThan(1);
				const sum = parts.reduce((total, part) => total + count(part), 0);
				expect(sum, `${file} in parts of ${size}`).toBe(count(text));
			}
		}
	});

	it('never cuts before whitespace or a "/" after a newline, where a piece can go on', () => {
		// ";\n//" is one piece of o200k's pre-tokenizer, and so are runs of newlines: cut there, the
		// parts would count one token more than the whole.
		expect(count('x;\n') + count('//c')).not.toBe(count('x;\n//c'));
		expect(count('a\n') + count('\n\nb')).not.toBe(count('a\n\n\nb'));
		for (const text of ['x;\n//c\ny;\n//d', '});\n// end\nz', 'a\n\n\nb\nc', 'x\n  y\n\tz\nw']) {
			const parts = [...countableParts(text, 1)];
			expect(parts.length).toBeGreaterThan(1);
			for (const part of parts.slice(1)) expect(part).toMatch(/^[^\s/]/);
			expect(parts.reduce((total, part) => total + count(part), 0)).toBe(count(text));
		}
	});

	it('leaves a text with nowhere to cut whole', () => {
		const line = 'x'.repeat(10_000);
		expect([...countableParts(line, 2_000)]).toEqual([line]);
	});
});

describe('countAhead', () => {
	it('counts what is not in memory, pausing between the parts of a long text', async () => {
		const long = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i}; // ahead`).join(
			'\n'
		);
		const short = 'a short text counted ahead';
		let pauses = 0;
		await countAhead([long, short, ''], async () => void pauses++);
		expect(pauses).toBeGreaterThan([...countableParts(long)].length - 1);
		expect(knownTokenCount(long)).toBe(count(long));
		expect(knownTokenCount(short)).toBe(count(short));
		// What the estimate then counts comes from memory, and is what counting at once gives.
		expect(countTokens(long)).toBe(count(long));
	});

	it('skips what is already in memory', async () => {
		const text = 'counted once already, then asked for again';
		countTokens(text);
		let pauses = 0;
		await countAhead([text], async () => void pauses++);
		expect(pauses).toBe(0);
	});
});
