/**
 * Model text → safe HTML. The model's words are untrusted (a file it read can carry a prompt
 * injection), so marked's output always goes through DOMPurify before it reaches the page.
 * Images are shown as links rather than loaded: loading one would let injected text send data
 * to any server in its URL.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { Marked, type Tokens } from 'marked';

let marked: Marked | undefined;
let purifier: DOMPurify | undefined;

/** Tags a reply never needs; removing them keeps forms, media and styles out of the chat. */
const FORBID_TAGS = [
	'style',
	'img',
	'picture',
	'source',
	'video',
	'audio',
	'iframe',
	'object',
	'embed',
	'form',
	'input',
	'button',
	'textarea',
	'select',
	'dialog'
];

function getMarked(): Marked {
	marked ??= new Marked({
		gfm: true,
		async: false,
		renderer: {
			image({ href, text }: Tokens.Image): string {
				return `<a href="${escapeAttribute(href)}">${escapeText(text || href)}</a>`;
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
	return purify.sanitize(html, {
		USE_PROFILES: { html: true },
		FORBID_TAGS,
		ADD_ATTR: ['target']
	});
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}
