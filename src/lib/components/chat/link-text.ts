/**
 * A link's visible text must not lie about where it goes. Injected text can write
 * `[https://console.anthropic.com/keys](https://evil.example)`, hide the real letters behind a
 * right-to-left override or zero-width characters, or use a look-alike domain (Cyrillic `а`).
 * Such links keep their text, cleaned of invisible characters, followed by the real host (in
 * punycode, so look-alikes show as `xn--…`). Ordinary links ("the docs") are left alone.
 */

/** Bidi controls and zero-width characters: they change how text reads, never what it says. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Text that reads as an address: a URL, or a dotted name such as example.com/path. */
const ADDRESS =
	/^(?:[a-z][a-z0-9+.-]*:\/\/)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\.?(?::\d+)?(?:[/?#]\S*)?$/iu;

/** The text to show for a link to `href`, or `text` itself when it is honest. */
export function honestLinkText(text: string, href: string): string {
	let host: string;
	try {
		host = new URL(href).host;
	} catch {
		return text;
	}
	const clean = text.replace(INVISIBLE, '');
	// mailto: and the like have no host to show; their text still loses invisible characters.
	if (host === '') return clean;
	const claimed = clean.trim();
	const looksLikeAddress = ADDRESS.test(claimed);
	if (clean === text && !looksLikeAddress) return text;
	if (clean === text && claimedHost(claimed) === host && !host.includes('xn--')) return text;
	return `${clean} (${host})`;
}

function claimedHost(text: string): string | undefined {
	try {
		return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).host;
	} catch {
		return undefined;
	}
}
