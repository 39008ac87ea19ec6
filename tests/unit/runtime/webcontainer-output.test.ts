import { describe, expect, it } from 'vitest';
import { createOutputCleaner } from '../../../src/lib/runtime/webcontainer/output-cleaner';

function clean(chunks: string[]): string {
	const cleaner = createOutputCleaner();
	return chunks.map((chunk) => cleaner.push(chunk)).join('') + cleaner.flush();
}

describe('output cleaner', () => {
	it('removes colours, cursor moves, bracketed-paste toggles and titles', () => {
		expect(clean(['\x1b[?2004l\x1b[1;32mok\x1b[0m \x1b[2K\x1b[1Gdone\x1b]0;npm\x07!'])).toBe(
			'ok done!'
		);
	});

	it('turns CRLF into LF and keeps lone CRs', () => {
		expect(clean(['a\r\nb\rc\r\n'])).toBe('a\nb\rc\n');
	});

	it('handles escapes and CRLF split across chunks', () => {
		expect(clean(['red \x1b[3', '1mX\x1b', '[0m line\r', '\nnext'])).toBe('red X line\nnext');
		const cleaner = createOutputCleaner();
		expect(cleaner.push('held\x1b[')).toBe('held');
		expect(cleaner.push('0m')).toBe('');
	});

	it('gives back an escape that never finishes as text at the end', () => {
		expect(clean(['tail\x1b'])).toBe('tail\x1b');
	});
});
