/**
 * jsh writes through a pseudo-terminal: colours, cursor moves, bracketed-paste toggles and
 * CRLF line ends. Command output meant for the model (exec) is cleaned of them; the terminal
 * (openShell) gets the raw stream. Chunks may split an escape sequence or a CRLF anywhere, so
 * an unfinished tail is held back until the next chunk or the end.
 */

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and the two-byte escapes (charset, keypad,
// save/restore cursor…).
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()#%][0-~]|[ -~])/g;
// eslint-disable-next-line no-control-regex
const UNFINISHED_TAIL = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[()#%])?$|\r$/;
/** An escape that never finishes is text after all, past this length. */
const MAX_HELD = 256;

export interface OutputCleaner {
	/** Cleans a chunk, returning what can be shown now. */
	push(chunk: string): string;
	/** Whatever was held back, at the end of the stream. */
	flush(): string;
}

export function createOutputCleaner(): OutputCleaner {
	let held = '';
	const clean = (text: string) => text.replace(ESCAPE, '').replace(/\r\n/g, '\n');
	return {
		push(chunk) {
			const text = held + chunk;
			const tail = UNFINISHED_TAIL.exec(text);
			const cut = tail && text.length - tail.index <= MAX_HELD ? tail.index : text.length;
			held = text.slice(cut);
			return clean(text.slice(0, cut));
		},
		flush() {
			const text = held;
			held = '';
			return clean(text);
		}
	};
}
