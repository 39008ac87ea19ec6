/**
 * Model text → safe HTML. The model's words are untrusted (a file it read can carry a prompt
 * injection), so marked's output always goes through DOMPurify before it reaches the page, and
 * only an allow-list survives: no `style` (a `position:fixed` overlay would cover the IDE, and a
 * `background-image:url(…)` would send data out), no `class`/`id` (they could hook the app's own
 * CSS), no forms, media or frames. Images are shown as links rather than loaded: loading one
 * would let injected text send data to any server in its URL. A link whose text reads as another
 * address also shows where it really goes (link-text.ts).
 *
 * This module (marked + DOMPurify) is loaded lazily, when the chat first shows a reply
 * (markdown-loader.ts).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { Lexer, Marked, type Links, type Token, type TokensList, type Tokens } from 'marked';
import { honestLinkText } from './link-text';

/** One instance for replies, one for the person's own messages (see MarkdownOptions). */
const markedFor = new Map<boolean, Marked>();
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

/**
 * `typed`: the person's own message. A line break they typed stays one (they write in a text
 * box, not in Markdown's paragraphs), and HTML they typed ("why is <button> grey?") shows as the
 * text it is rather than being parsed and dropped by the sanitiser.
 */
export interface MarkdownOptions {
	typed?: boolean;
}

function getMarked(typed = false): Marked {
	const known = markedFor.get(typed);
	if (known) return known;
	const marked = new Marked({
		gfm: true,
		async: false,
		breaks: typed,
		renderer: {
			...(typed && { html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeText(text) }),
			image({ href, text }: Tokens.Image): string {
				return `<a href="${escapeAttribute(href)}">${escapeText(text || href)}</a>`;
			},
			// GFM task lists would render <input>; a plain box character says the same.
			checkbox({ checked }: Tokens.Checkbox): string {
				return checked ? '☑ ' : '☐ ';
			}
		}
	});
	markedFor.set(typed, marked);
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
	noteUse();
	const purify = getPurifier();
	if (!purify) return `<p>${escapeText(text)}</p>`;
	const html = getMarked().parse(text, { async: false });
	return purify.sanitize(html, PURIFY_CONFIG);
}

/**
 * A short text that runs the rules a reply usually needs. The first use of marked's rules
 * compiles their regular expressions (the first paragraph alone tries every block rule), and
 * DOMPurify sets itself up on its first sanitise: ~15–20 ms here, which fell in the task that
 * showed the first reply (60–90 ms on a CPU four times slower). markdown-loader.ts renders this
 * in idle time while the first answer is awaited.
 */
export const WARM_UP_TEXT = [
	'# Heading',
	'Text with *emphasis*, **bold**, `code`, ~~gone~~ and [a link](https://example.com).',
	'- one\n- two\n\n1. first\n2. second',
	'> A quote',
	'```ts\nconst a = 1;\n```',
	'| a | b |\n| - | - |\n| 1 | 2 |',
	'---'
].join('\n\n');

/**
 * What each rule runs on, in order. V8 compiles a regular expression in tiers: its first use
 * makes bytecode (all of marked's rules: ~40 ms in Node), its second native code (~8 ms more),
 * and text with a character past U+00FF (a dash, a quote mark, an emoji: most replies) is
 * compiled again (~16 ms). Run once each, as before, the rules left the last two to the first
 * real render: one task of 85–130 ms at 4x CPU.
 */
const WARM_UP_SUBJECTS = [WARM_UP_TEXT, WARM_UP_TEXT, `${WARM_UP_TEXT} \u2014`];

/**
 * The warm-up as small steps, for idle time: first marked's rules, one use of one rule per step,
 * through every tier (WARM_UP_SUBJECTS; the slowest step 5 ms in Node, ~22 ms at 4x CPU), then
 * WARM_UP_TEXT rendered as a reply and as a typed message (DOMPurify sets itself up on its first
 * use). The HTML is thrown away.
 */
export function warmUpSteps(): (() => void)[] {
	// Once a real reply has rendered, what is left of the warm-up would only cost time.
	const step = (work: () => void) => () => {
		if (used) return;
		warming = true;
		try {
			work();
		} finally {
			warming = false;
		}
	};
	// A set: the flavours share most rules (GFM's heading is the normal one).
	const rules = new Set<RegExp>();
	const collect = (group: object) => {
		for (const value of Object.values(group)) {
			if (value instanceof RegExp) rules.add(value);
			else if (value && typeof value === 'object') collect(value);
		}
	};
	collect(Lexer.rules);
	// The renders block by block: the whole text at once was one task of ~130 ms at 4x CPU
	// (profiled).
	const blocks = WARM_UP_TEXT.split('\n\n');
	const typed = new MarkdownBlocks({ typed: true });
	return [
		// Tier by tier, a rule per step: the three uses of the slowest rule in one step were a task
		// of 50–78 ms at 4x CPU.
		...WARM_UP_SUBJECTS.flatMap((subject) =>
			[...rules].map((rule) =>
				step(() => {
					// A global rule keeps its position between uses: left as marked expects it, at 0.
					rule.lastIndex = 0;
					rule.exec(subject);
					rule.lastIndex = 0;
				})
			)
		),
		...blocks.map((block) => step(() => renderMarkdown(block))),
		...blocks.map((block) => step(() => typed.render(block)))
	];
}

/** Whether a reply was rendered for real (not by the warm-up). */
let used = false;
let warming = false;

function noteUse(): void {
	if (!warming) used = true;
}

/**
 * Renders a growing reply block by block, for a reply that streams in. marked's lexer splits the
 * text into its top-level blocks; each block is parsed and sanitised on its own and cached by its
 * source, so each commit renders again only the block still being written (the whole reply per
 * delta was quadratic). Each block's HTML is meant to be inserted on its own (Markdown.svelte),
 * so markup from one block can never combine with another's.
 */
export class MarkdownBlocks {
	#cache = new Map<string, string>();
	readonly #typed: boolean;

	constructor({ typed = false }: MarkdownOptions = {}) {
		this.#typed = typed;
	}
	#lexed = new IncrementalLexer();
	/** How many blocks the last render() parsed and sanitised (the rest came from the cache). */
	renderedLast = 0;

	/** How many times the whole text was lexed (rather than its last blocks). */
	get wholeLexes(): number {
		return this.#lexed.wholeLexes;
	}

	/** The sanitised HTML of each block, in order. */
	render(text: string): string[] {
		// The person's own message shows first, before any reply: it does not end the warm-up.
		if (!this.#typed) noteUse();
		const purify = getPurifier();
		if (!purify) return [`<p>${escapeText(text)}</p>`];
		const marked = getMarked(this.#typed);
		const tokens = this.#lexed.lex(text, marked);
		// Reference-style links are defined anywhere in the reply and used anywhere.
		const links = Object.keys(tokens.links).length > 0 ? JSON.stringify(tokens.links) : '';
		const next = new Map<string, string>();
		const blocks: string[] = [];
		this.renderedLast = 0;
		for (const group of blocksOf(tokens)) {
			const key = `${links}\u0000${group.map((token) => token.raw).join('')}`;
			let html = next.get(key) ?? this.#cache.get(key);
			if (html === undefined) {
				const list: TokensList = Object.assign(group, { links: tokens.links });
				html = purify.sanitize(marked.parser(list), PURIFY_CONFIG);
				this.renderedLast++;
			}
			next.set(key, html);
			blocks.push(html);
		}
		this.#cache = next;
		return blocks;
	}
}

/**
 * Lexes a growing text again only from a little before its end. Appending text can change only
 * the last blocks (a paragraph that becomes a heading or a table, a list that gets more items),
 * so the tokens before the last three are kept and the rest is lexed anew, knowing the link
 * definitions seen so far. Whenever that might differ from lexing the whole (the text changed
 * other than by appending, carriage returns, a new link definition), the whole is lexed.
 */
class IncrementalLexer {
	#text = '';
	#tokens: Token[] = [];
	#links: Links = {};
	/** The tokens' sources add up to exactly #text, so a kept token's offset is known. */
	#exact = false;
	wholeLexes = 0;

	lex(text: string, marked: Marked): TokensList {
		const tail = this.#tokens.length - KEEP_OPEN;
		if (this.#exact && tail > 0 && text.startsWith(this.#text)) {
			const kept = this.#tokens.slice(0, tail);
			const offset = kept.reduce((sum, token) => sum + token.raw.length, 0);
			const lexer = new Lexer(marked.defaults);
			Object.assign(lexer.tokens.links, definedIn(kept));
			const rest = lexer.lex(text.slice(offset));
			// The kept tokens were lexed knowing this.#links: still right if no definition changed.
			if (JSON.stringify(rest.links) === JSON.stringify(this.#links)) {
				return this.#keep(text, [...kept, ...rest], rest.links);
			}
		}
		const tokens = marked.lexer(text);
		this.wholeLexes++;
		return this.#keep(text, tokens, tokens.links);
	}

	#keep(text: string, tokens: Token[], links: Links): TokensList {
		this.#text = text;
		this.#tokens = tokens;
		this.#links = links;
		this.#exact = sourcesAddUp(tokens, text);
		return Object.assign(tokens, { links });
	}
}

/** How many of the last tokens are lexed again as the text grows. */
const KEEP_OPEN = 3;

/** The link definitions among `tokens`, the first of each label winning (as in marked). */
function definedIn(tokens: Token[]): Links {
	const links: Links = {};
	for (const token of tokens) {
		if (token.type === 'def' && !(token.tag in links)) {
			links[token.tag] = { href: token.href, title: token.title };
		}
	}
	return links;
}

function sourcesAddUp(tokens: Token[], text: string): boolean {
	let offset = 0;
	for (const token of tokens) {
		if (!text.startsWith(token.raw, offset)) return false;
		offset += token.raw.length;
	}
	return offset === text.length;
}

/**
 * Top-level tokens as the parser renders them: blank space renders nothing, and consecutive
 * top-level text tokens make one paragraph.
 */
function blocksOf(tokens: TokensList): Token[][] {
	const groups: Token[][] = [];
	let previous: Token | undefined;
	for (const token of tokens) {
		if (token.type === 'text' && previous?.type === 'text') groups.at(-1)!.push(token);
		else if (token.type !== 'space') groups.push([token]);
		previous = token;
	}
	return groups;
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}

// What a rendered reply gets afterwards (Copy buttons, file links) comes in the same lazy chunk.
export { codeOf, COPY_LABEL, enhanceReply, referenceOf } from './markdown-enhance';
