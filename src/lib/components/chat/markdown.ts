/**
 * Model text → safe HTML. The model's words are untrusted (a file it read can carry a prompt
 * injection), so marked's output always goes through DOMPurify before it reaches the page, and
 * only an allow-list survives: no `style` (a `position:fixed` overlay would cover the IDE, and a
 * `background-image:url(…)` would send data out), no `class`/`id` (they could hook the app's own
 * CSS), no forms, media or frames. Images are shown as links rather than loaded: loading one
 * would let injected text send data to any server in its URL. A link whose text reads as another
 * address also shows where it really goes (link-text.ts).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { honestLinkText } from './link-text';

let marked: Marked | undefined;
let purifier: DOMPurify | undefined;

/** Everything GFM Markdown produces that a reply needs; anything else is removed. */
const ALLOWED_TAGS = [
	'p',
	'br',
	'hr',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'strong',
	'em',
	'b',
	'i',
	'del',
	's',
	'code',
	'pre',
	'kbd',
	'sub',
	'sup',
	'blockquote',
	'ul',
	'ol',
	'li',
	'a',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td'
];

/** `align` is how marked writes table column alignment; `start` numbers an ordered list. */
const ALLOWED_ATTR = ['href', 'title', 'align', 'start'];

/** Links go to web pages or mail only: no javascript:, data:, blob: or relative (IDE) URLs. */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:)/i;

const PURIFY_CONFIG: Config = {
	ALLOWED_TAGS,
	ALLOWED_ATTR,
	ALLOWED_URI_REGEXP,
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false
};

function getMarked(): Marked {
	marked ??= new Marked({
		gfm: true,
		async: false,
		renderer: {
			image({ href, text }: Tokens.Image): string {
				return `<a href="${escapeAttribute(href)}">${escapeText(text || href)}</a>`;
			},
			// GFM task lists would render <input>; a plain box character says the same.
			checkbox({ checked }: Tokens.Checkbox): string {
				return checked ? '☑ ' : '☐ ';
			}
		}
	});
	return marked;
}

function getPurifier(): DOMPurify | undefined {
	if (purifier) return purifier;
	if (typeof window === 'undefined') return undefined;
	const instance = createDOMPurify(window);
	if (!instance.isSupported) return undefined;
	instance.addHook('afterSanitizeAttributes', (node) => {
		// Links open beside the IDE and the opened page gets no handle on this one.
		if (node.tagName === 'A' && node.hasAttribute('href')) {
			node.setAttribute('target', '_blank');
			node.setAttribute('rel', 'noopener noreferrer');
			const text = node.textContent ?? '';
			const honest = honestLinkText(text, node.getAttribute('href') ?? '');
			if (honest !== text) node.textContent = honest;
		}
	});
	purifier = instance;
	return purifier;
}

/** Sanitised HTML for a reply written in Markdown. Without a DOM (server), plain escaped text. */
export function renderMarkdown(text: string): string {
	const purify = getPurifier();
	if (!purify) return `<p>${escapeText(text)}</p>`;
	const html = getMarked().parse(text, { async: false });
	return purify.sanitize(html, PURIFY_CONFIG);
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}
