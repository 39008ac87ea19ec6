import { describe, expect, it } from 'vitest';
import { visibleName } from '../../../../src/lib/components/common/visible-name';

describe('visibleName', () => {
	it('leaves ordinary names, markup and non-Latin letters alone', () => {
		for (const name of ['index.html', '<img src=x>.html', 'données.txt', 'ملف.txt', '文件.md']) {
			expect(visibleName(name)).toBe(name);
		}
	});

	it('shows control characters as control pictures', () => {
		expect(visibleName('a\nb\tc\u0000d\u007f')).toBe('a␊b␉c␀d␡');
	});

	it('shows direction overrides, isolates and zero-width characters by code point', () => {
		expect(visibleName('invoice\u202Efdp.exe')).toBe('invoice[U+202E]fdp.exe');
		expect(visibleName('a\u2066b\u200Bc\uFEFF')).toBe('a[U+2066]b[U+200B]c[U+FEFF]');
	});
});
