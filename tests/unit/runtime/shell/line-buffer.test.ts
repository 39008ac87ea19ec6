import { describe, expect, it } from 'vitest';
import {
	backspace,
	deleteForward,
	deleteWordBefore,
	emptyLine,
	insertText,
	killToEnd,
	killToStart,
	lineOf,
	moveEnd,
	moveHome,
	moveLeft,
	moveRight,
	renderLine
} from '../../../../src/lib/runtime/shell/line-buffer';

describe('line buffer', () => {
	it('inserts at the cursor', () => {
		const line = insertText(moveLeft(lineOf('ac')), 'b');
		expect(line).toEqual({ text: 'abc', cursor: 2 });
		expect(insertText(emptyLine, 'hi')).toEqual({ text: 'hi', cursor: 2 });
	});

	it('deletes backwards and forwards, stopping at the ends', () => {
		expect(backspace(lineOf('ab'))).toEqual({ text: 'a', cursor: 1 });
		expect(backspace(moveHome(lineOf('ab')))).toEqual({ text: 'ab', cursor: 0 });
		expect(deleteForward(moveHome(lineOf('ab')))).toEqual({ text: 'b', cursor: 0 });
		expect(deleteForward(lineOf('ab'))).toEqual({ text: 'ab', cursor: 2 });
	});

	it('moves over a surrogate pair as one character', () => {
		const line = lineOf('a😀');
		expect(moveLeft(line).cursor).toBe(1);
		expect(backspace(line)).toEqual({ text: 'a', cursor: 1 });
		expect(moveRight(moveHome(moveRight(moveHome(line)))).cursor).toBe(1);
		expect(deleteForward({ text: 'a😀', cursor: 1 })).toEqual({ text: 'a', cursor: 1 });
	});

	it('clamps cursor moves and jumps home and end', () => {
		expect(moveLeft(moveHome(lineOf('ab'))).cursor).toBe(0);
		expect(moveRight(lineOf('ab')).cursor).toBe(2);
		expect(moveEnd(moveHome(lineOf('ab'))).cursor).toBe(2);
	});

	it('kills to the start and to the end of the line', () => {
		const middle = { text: 'echo hello', cursor: 5 };
		expect(killToStart(middle)).toEqual({ text: 'hello', cursor: 0 });
		expect(killToEnd(middle)).toEqual({ text: 'echo ', cursor: 5 });
	});

	it('deletes the word before the cursor with its trailing spaces', () => {
		expect(deleteWordBefore(lineOf('git commit  '))).toEqual({ text: 'git ', cursor: 4 });
		expect(deleteWordBefore({ text: 'one two three', cursor: 7 })).toEqual({
			text: 'one  three',
			cursor: 4
		});
	});

	it('renders the prompt, the text and the cursor position', () => {
		expect(renderLine('$ ', { text: 'abc', cursor: 1 })).toBe('\r$ abc\x1b[K\x1b[2D');
		expect(renderLine('$ ', lineOf('abc'))).toBe('\r$ abc\x1b[K');
	});
});
