import { describe, expect, it } from 'vitest';
import { parseKeys } from '../../../../src/lib/runtime/shell/keys';

describe('parseKeys', () => {
	it('splits text, Enter and control keys', () => {
		expect(parseKeys('ls -la\r')).toEqual([{ type: 'text', text: 'ls -la' }, { type: 'enter' }]);
		expect(parseKeys('\x03\x01\x05\x15\x0b\x17\x0c\x04\x7f')).toEqual(
			[
				'interrupt',
				'home',
				'end',
				'kill-to-start',
				'kill-to-end',
				'delete-word',
				'clear-screen',
				'eof',
				'backspace'
			].map((type) => ({ type }))
		);
	});

	it('reads arrows, Home/End and Delete in their CSI and SS3 forms', () => {
		const keys = parseKeys('\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1bOH\x1bOF\x1b[1~\x1b[4~\x1b[3~');
		expect(keys.map((key) => key.type)).toEqual([
			'up',
			'down',
			'right',
			'left',
			'home',
			'end',
			'home',
			'end',
			'home',
			'end',
			'delete'
		]);
	});

	it('ignores modifiers and unknown sequences', () => {
		expect(parseKeys('\x1b[1;5Ca\x1b[15~b\x1bx')).toEqual([
			{ type: 'right' },
			{ type: 'text', text: 'a' },
			{ type: 'text', text: 'b' }
		]);
	});

	it('reads Tab, Ctrl+R, Ctrl+G and a lone Escape', () => {
		expect(parseKeys('ec\t\x12\x07\x1b')).toEqual([
			{ type: 'text', text: 'ec' },
			{ type: 'tab' },
			{ type: 'reverse-search' },
			{ type: 'cancel' },
			{ type: 'escape' }
		]);
	});

	it('keeps the tabs of a bracketed paste as text, so pasting never completes', () => {
		expect(parseKeys('x\x1b[200~a\tb\r\nc\x1b[201~\t')).toEqual([
			{ type: 'text', text: 'x' },
			{ type: 'text', text: 'a\tb' },
			{ type: 'enter' },
			{ type: 'text', text: 'c' },
			{ type: 'tab' }
		]);
	});

	it('treats a pasted CRLF as one Enter and keeps lines apart', () => {
		expect(parseKeys('a\r\nb\nc')).toEqual([
			{ type: 'text', text: 'a' },
			{ type: 'enter' },
			{ type: 'text', text: 'b' },
			{ type: 'enter' },
			{ type: 'text', text: 'c' }
		]);
	});
});
