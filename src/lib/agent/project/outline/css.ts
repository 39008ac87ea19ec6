import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/css';
import { childrenOf, nameList, oneLine, textOf } from './text';

/** Selectors per outline line: packed so a big stylesheet still shows most of its selectors. */
const LINE_WIDTH = 100;

/**
 * The selectors a stylesheet defines (grouped under their @media/@supports), custom properties,
 * @keyframes and @import lines. Declarations are left out.
 */
export function outlineCss(source: string): string[] {
	const tree = parser.parse(source);
	return describeBlock(tree.topNode, source, '');
}

function describeBlock(parent: SyntaxNode, source: string, indent: string): string[] {
	const lines: string[] = [];
	let selectors: string[] = [];
	const flush = () => {
		lines.push(...packSelectors(selectors, indent));
		selectors = [];
	};
	for (const node of childrenOf(parent)) {
		if (node.name === 'RuleSet') {
			const block = node.getChild('Block');
			const selector = oneLine(source.slice(node.from, block?.from ?? node.to), 80);
			const variables = (block?.getChildren('Declaration') ?? [])
				.map((declaration) => declaration.getChild('VariableName'))
				.filter((name): name is SyntaxNode => name !== null)
				.map((name) => textOf(source, name));
			if (variables.length === 0) {
				selectors.push(selector);
			} else {
				// Custom properties are the stylesheet's API: list them with their rule.
				flush();
				lines.push(`${indent}${selector} { ${nameList(variables, 12)} }`);
			}
		} else if (
			node.name === 'MediaStatement' ||
			node.name === 'SupportsStatement' ||
			node.name === 'ScopeStatement'
		) {
			flush();
			const block = node.getChild('Block');
			lines.push(indent + oneLine(source.slice(node.from, block?.from ?? node.to), 80));
			if (block) lines.push(...describeBlock(block, source, indent + '  '));
		} else if (node.name === 'KeyframesStatement') {
			flush();
			lines.push(`${indent}@keyframes ${textOf(source, node.getChild('KeyframeName'))}`);
		} else if (node.name === 'ImportStatement') {
			flush();
			lines.push(indent + oneLine(textOf(source, node), 100));
		}
	}
	flush();
	return lines;
}

function packSelectors(selectors: readonly string[], indent: string): string[] {
	const lines: string[] = [];
	let line = '';
	for (const selector of selectors) {
		if (line !== '' && line.length + selector.length + 3 > LINE_WIDTH) {
			lines.push(indent + line);
			line = '';
		}
		line = line === '' ? selector : `${line} | ${selector}`;
	}
	if (line !== '') lines.push(indent + line);
	return lines;
}
