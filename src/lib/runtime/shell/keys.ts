/**
 * Splits what a terminal sends (xterm's onData) into keys: runs of printable text, Enter,
 * editing and control keys. Escape sequences the line editor does not use are dropped.
 */
export type KeyName =
	| 'enter'
	| 'backspace'
	| 'delete'
	| 'left'
	| 'right'
	| 'up'
	| 'down'
	| 'home'
	| 'end'
	| 'interrupt'
	| 'eof'
	| 'kill-to-start'
	| 'kill-to-end'
	| 'delete-word'
	| 'clear-screen'
	| 'tab'
	| 'reverse-search'
	| 'cancel'
	| 'escape';

export type Key = { readonly type: 'text'; readonly text: string } | { readonly type: KeyName };

const controlKeys: Readonly<Record<string, KeyName>> = {
	'\x01': 'home', // Ctrl+A
	'\x02': 'left', // Ctrl+B
	'\x03': 'interrupt', // Ctrl+C
	'\x04': 'eof', // Ctrl+D
	'\x05': 'end', // Ctrl+E
	'\x06': 'right', // Ctrl+F
	'\x07': 'cancel', // Ctrl+G
	'\x08': 'backspace', // Ctrl+H
	'\t': 'tab',
	'\x0b': 'kill-to-end', // Ctrl+K
	'\x0c': 'clear-screen', // Ctrl+L
	'\x0e': 'down', // Ctrl+N
	'\x10': 'up', // Ctrl+P
	'\x12': 'reverse-search', // Ctrl+R
	'\x15': 'kill-to-start', // Ctrl+U
	'\x17': 'delete-word', // Ctrl+W
	'\x7f': 'backspace'
};

/** CSI (`ESC [`) and SS3 (`ESC O`) endings, keyed by parameters + final byte. */
const escapeKeys: Readonly<Record<string, KeyName>> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	'1~': 'home',
	'7~': 'home',
	'4~': 'end',
	'8~': 'end',
	'3~': 'delete'
};

// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const escapePattern = /^\x1b(?:\[([0-9;]*)([A-Za-z~])|O([A-Za-z])|[\s\S])?/;

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Asks the terminal to mark pastes (bracketed paste), so a pasted Tab is text, not completion. */
export const BRACKETED_PASTE_ON = '\x1b[?2004h';

/** Pasted text: lines and Enters, tabs kept, other control characters dropped. */
function pastedKeys(content: string): Key[] {
	const keys: Key[] = [];
	content.split(/\r\n|\r|\n/).forEach((line, index) => {
		if (index > 0) keys.push({ type: 'enter' });
		// eslint-disable-next-line no-control-regex -- dropping control characters is the point
		const text = line.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
		if (text !== '') keys.push({ type: 'text', text });
	});
	return keys;
}

export function parseKeys(data: string): Key[] {
	const keys: Key[] = [];
	let text = '';
	const flushText = () => {
		if (text !== '') keys.push({ type: 'text', text });
		text = '';
	};
	let index = 0;
	while (index < data.length) {
		const char = data.charAt(index);
		if (data.startsWith(PASTE_START, index)) {
			flushText();
			const end = data.indexOf(PASTE_END, index);
			const stop = end === -1 ? data.length : end;
			keys.push(...pastedKeys(data.slice(index + PASTE_START.length, stop)));
			index = end === -1 ? stop : stop + PASTE_END.length;
			continue;
		}
		if (char === '\x1b') {
			flushText();
			const match = escapePattern.exec(data.slice(index)) ?? ['\x1b'];
			const [sequence, params, final, ss3] = match;
			// Modifier parameters (`1;5C` for Ctrl+Right) are ignored: the key is what matters.
			const name =
				sequence === '\x1b'
					? 'escape'
					: ss3
						? escapeKeys[ss3]
						: final === '~'
							? escapeKeys[`${params?.split(';')[0] ?? ''}~`]
							: final
								? escapeKeys[final]
								: undefined;
			if (name) keys.push({ type: name });
			index += sequence.length;
			continue;
		}
		if (char === '\r' || char === '\n') {
			flushText();
			keys.push({ type: 'enter' });
			// A pasted Windows line ending is one Enter, not two.
			index += char === '\r' && data.charAt(index + 1) === '\n' ? 2 : 1;
			continue;
		}
		const control = controlKeys[char];
		if (control) {
			flushText();
			keys.push({ type: control });
		} else if (char >= ' ') {
			text += char;
		}
		// Other control characters are dropped.
		index++;
	}
	flushText();
	return keys;
}
