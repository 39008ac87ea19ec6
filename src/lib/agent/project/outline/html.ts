import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/html';
import { nameList, oneLine, textOf } from './text';

/** What an HTML page contributes to a map: its title, element ids, scripts and stylesheets. */
export function outlineHtml(source: string): string[] {
	const tree = parser.parse(source);
	let title = '';
	const ids: string[] = [];
	const scripts: string[] = [];
	const styles: string[] = [];
	tree.iterate({
		enter(ref) {
			if (ref.name !== 'OpenTag' && ref.name !== 'SelfClosingTag') return;
			const tag = textOf(source, ref.node.getChild('TagName')).toLowerCase();
			const attributes = readAttributes(ref.node, source);
			const id = attributes.get('id');
			if (id) ids.push('#' + id);
			if (tag === 'script' && attributes.get('src')) scripts.push(attributes.get('src')!);
			if (tag === 'link' && /\bstylesheet\b/i.test(attributes.get('rel') ?? '')) {
				const href = attributes.get('href');
				if (href) styles.push(href);
			}
			if (tag === 'title' && title === '') {
				const text = ref.node.nextSibling;
				if (text?.name === 'Text') title = oneLine(textOf(source, text), 80);
			}
		}
	});
	const lines: string[] = [];
	if (title) lines.push(`title: ${title}`);
	if (ids.length > 0) lines.push(`ids: ${nameList([...new Set(ids)], 20)}`);
	if (scripts.length > 0) lines.push(`scripts: ${nameList(scripts, 10)}`);
	if (styles.length > 0) lines.push(`stylesheets: ${nameList(styles, 10)}`);
	return lines;
}

function readAttributes(tag: SyntaxNode, source: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const attribute of tag.getChildren('Attribute')) {
		const name = textOf(source, attribute.getChild('AttributeName')).toLowerCase();
		const value =
			attribute.getChild('AttributeValue') ?? attribute.getChild('UnquotedAttributeValue');
		attributes.set(
			name,
			textOf(source, value)
				.replace(/^["']|["']$/g, '')
				.trim()
		);
	}
	return attributes;
}
