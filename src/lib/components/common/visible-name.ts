import { deceptiveNameChars } from '$lib/runtime';

/**
 * A file name or path as the UI shows it. Names come from the project (a model, a command, an
 * imported zip), so they may hold characters that deceive rather than show: a right-to-left
 * override makes `evil<U+202E>gnp.js` read as `evilsj.png`, a line break splits a name in two, and
 * zero-width characters make two names look the same. Each such character is shown as a visible
 * stand-in; the real name is untouched everywhere else.
 */
export function visibleName(name: string): string {
	return name.replace(deceptiveNameChars(), (char) => {
		const code = char.charCodeAt(0);
		// Control Pictures: ␀…␟ and ␡, e.g. a line break shows as ␊.
		if (code < 0x20) return String.fromCharCode(0x2400 + code);
		if (code === 0x7f) return '\u2421';
		return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
	});
}
