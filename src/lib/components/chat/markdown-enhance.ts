/**
 * What a rendered reply gets after sanitising, built with DOM calls (never HTML strings, so no
 * model text is ever parsed as markup): a Copy button on every code block, and links on the
 * project files it names, in inline code or plain text. Clicks are handled by the Markdown
 * component (one listener for the whole reply), through the data attributes set here.
 */
import { openLabel } from './file-links';
import { findFileReferences, parseFileReference, type FileReference } from './file-reference';

const DONE = 'data-kiln-enhanced';
/**
 * Text nodes already looked at. Marked one by one, never through their parent: text between
 * blocks sits right in the reply's root, and marking the root would stop every block rendered
 * after it from getting links (a streamed reply renders many times). A re-rendered block brings
 * new nodes, which are looked at again.
 */
const seenText = new WeakSet<Text>();
export const COPY_LABEL = 'Copy code';

/** Adds what is missing to the blocks rendered since the last call (re-rendered ones come new). */
export function enhanceReply(root: HTMLElement, isFile?: (path: string) => boolean): void {
	for (const pre of root.querySelectorAll<HTMLElement>(`pre:not([${DONE}])`)) {
		pre.setAttribute(DONE, '');
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'copy-code';
		button.textContent = 'Copy';
		button.setAttribute('aria-label', COPY_LABEL);
		pre.prepend(button);
	}
	if (!isFile) return;
	for (const code of root.querySelectorAll<HTMLElement>(`:not(pre) > code:not([${DONE}])`)) {
		code.setAttribute(DONE, '');
		const ref = parseFileReference(code.textContent ?? '');
		if (!ref || !isFile(ref.path)) continue;
		const link = fileLink(ref);
		code.replaceWith(link);
		link.append(code);
	}
	for (const text of plainTextNodes(root)) linkPlainText(text, isFile);
}

/** The text of a code block without its Copy button. */
export function codeOf(button: HTMLElement): string {
	const pre = button.closest('pre');
	return pre?.querySelector('code')?.textContent ?? '';
}

/** The file a link in a reply points to. */
export function referenceOf(link: HTMLElement): FileReference {
	const line = Number(link.dataset.line) || undefined;
	return { path: link.dataset.path ?? '', line, column: Number(link.dataset.column) || undefined };
}

/** An empty link to `ref`; the caller puts the words in it. */
function fileLink(ref: FileReference): HTMLButtonElement {
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'file-link';
	button.dataset.path = ref.path;
	if (ref.line) button.dataset.line = String(ref.line);
	if (ref.column) button.dataset.column = String(ref.column);
	button.title = openLabel(ref);
	button.setAttribute('aria-label', openLabel(ref));
	button.setAttribute(DONE, '');
	return button;
}

/** Text outside code, links and buttons, not looked at yet. */
function plainTextNodes(root: HTMLElement): Text[] {
	const nodes: Text[] = [];
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
		acceptNode: (node) =>
			seenText.has(node as Text) || node.parentElement?.closest('pre, code, a, button')
				? NodeFilter.FILTER_REJECT
				: NodeFilter.FILTER_ACCEPT
	});
	for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
	return nodes;
}

function linkPlainText(node: Text, isFile: (path: string) => boolean): void {
	const text = node.data;
	const found = findFileReferences(text, isFile);
	seenText.add(node);
	if (found.length === 0) return;
	const parts: Node[] = [];
	const plain = (from: number, to: number) => {
		const part = document.createTextNode(text.slice(from, to));
		seenText.add(part);
		parts.push(part);
	};
	let at = 0;
	for (const ref of found) {
		if (ref.start > at) plain(at, ref.start);
		const link = fileLink(ref);
		link.append(text.slice(ref.start, ref.end));
		parts.push(link);
		at = ref.end;
	}
	if (at < text.length) plain(at, text.length);
	node.replaceWith(...parts);
}
