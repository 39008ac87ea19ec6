import { computeAccessibleName, getRole, isSubtreeInaccessible } from 'dom-accessibility-api';
import { bound } from '../page/format';

/** Roles that say nothing to a reader of the outline: their children are shown in their place. */
const TRANSPARENT = new Set(['generic', 'presentation', 'none', 'paragraph', 'group', 'LabelText']);
/** Roles whose name is their content: the name is printed, their text is not repeated below. */
const NAMED_BY_CONTENT = new Set([
	'button',
	'link',
	'heading',
	'tab',
	'menuitem',
	'option',
	'cell',
	'columnheader',
	'rowheader',
	'checkbox',
	'radio',
	'switch',
	'img',
	'textbox',
	'combobox',
	'listitem',
	'label'
]);
const TEXT_MAX_CHARS = 200;

/**
 * A compact outline of what the page shows, in the shape of an accessibility tree: one line per
 * landmark, heading, control, list item or run of text, indented by nesting, e.g.
 * `- heading "Hello" [level=1]`. For models without vision, and cheaper than a screenshot.
 * Stops at `maxChars`.
 */
export function accessibilityOutline(root: Element, maxChars: number): string {
	const lines: string[] = [];
	let used = 0;
	let cut = false;
	const push = (depth: number, text: string) => {
		if (cut) return;
		const line = `${'  '.repeat(depth)}- ${text}`;
		if (used + line.length + 1 > maxChars) {
			cut = true;
			return;
		}
		lines.push(line);
		used += line.length + 1;
	};

	const visit = (element: Element, depth: number) => {
		if (cut || isHidden(element)) return;
		const role = getRole(element);
		if (role && !TRANSPARENT.has(role)) {
			const name = bound(squash(safeName(element)), TEXT_MAX_CHARS);
			push(depth, `${role}${name ? ` ${JSON.stringify(name)}` : ''}${states(element, role)}`);
			if (NAMED_BY_CONTENT.has(role) && name) return;
			visitChildren(element, depth + 1);
			return;
		}
		visitChildren(element, depth);
	};

	const visitChildren = (element: Element, depth: number) => {
		// A label's text is already the name of the control it labels.
		const labelling = element instanceof HTMLLabelElement && element.control !== null;
		for (const child of Array.from(element.childNodes)) {
			if (child.nodeType === 3) {
				if (labelling) continue;
				const text = squash(child.textContent ?? '');
				if (text) push(depth, `text ${JSON.stringify(bound(text, TEXT_MAX_CHARS))}`);
			} else if (child.nodeType === 1) {
				visit(child as Element, depth);
			}
		}
	};

	visit(root, 0);
	if (cut) lines.push(`… (outline cut at ${maxChars} characters)`);
	return lines.length > 0 ? lines.join('\n') : '(the page shows nothing)';
}

function isHidden(element: Element): boolean {
	const tag = element.tagName;
	if (
		tag === 'SCRIPT' ||
		tag === 'STYLE' ||
		tag === 'NOSCRIPT' ||
		tag === 'TEMPLATE' ||
		tag === 'HEAD'
	)
		return true;
	try {
		return isSubtreeInaccessible(element);
	} catch {
		return false;
	}
}

function safeName(element: Element): string {
	try {
		return computeAccessibleName(element);
	} catch {
		return '';
	}
}

function squash(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function states(element: Element, role: string): string {
	const parts: string[] = [];
	const level = /^H([1-6])$/.exec(element.tagName)?.[1] ?? element.getAttribute('aria-level');
	if (role === 'heading' && level) parts.push(`level=${level}`);
	if (element instanceof HTMLInputElement) {
		if (element.type === 'checkbox' || element.type === 'radio') {
			if (element.checked) parts.push('checked');
		} else if (element.value) parts.push(`value=${JSON.stringify(bound(element.value, 100))}`);
	}
	if (element instanceof HTMLTextAreaElement && element.value) {
		parts.push(`value=${JSON.stringify(bound(element.value, 100))}`);
	}
	if ((element as HTMLButtonElement).disabled === true) parts.push('disabled');
	return parts.length ? ` [${parts.join(', ')}]` : '';
}
