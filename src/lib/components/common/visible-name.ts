/**
 * A file name or path as the UI shows it. Names come from the project (a model, a command, an
 * imported zip), so they may hold characters that deceive rather than show: a right-to-left
 * override makes `evil‮gnp.js` read as `evilsj.png`, a line break splits a name in two, and
 * zero-width characters make two names look the same. Each such character is shown as a visible
 * stand-in; the real name is untouched everywhere else.
 */
const DECEPTIVE =
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is shown here
	/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function visibleName(name: string): string {
	return name.replace(DECEPTIVE, (char) => {
		const code = char.charCodeAt(0);
		// Control Pictures: ␀…␟ and ␡, e.g. a line break shows as ␊.
		if (code < 0x20) return String.fromCharCode(0x2400 + code);
		if (code === 0x7f) return '\u2421';
		return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
	});
}
