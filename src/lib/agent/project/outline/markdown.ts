import { parser } from '@lezer/markdown';
import { oneLine } from './text';

const HEADING = /^(?:ATXHeading|SetextHeading)([1-6])$/;

/** A Markdown document's headings, as `#`-prefixed lines (fenced code is not mistaken for one). */
export function outlineMarkdown(source: string): string[] {
	const tree = parser.parse(source);
	const lines: string[] = [];
	tree.iterate({
		enter(ref) {
			const level = HEADING.exec(ref.name)?.[1];
			if (!level) return ref.name === 'Document' ? undefined : false;
			const text = source
				.slice(ref.from, ref.to)
				.replace(/^#+\s*/, '')
				.replace(/\s+#+\s*$/, '')
				.replace(/\n[=-]+\s*$/, '');
			lines.push(`${'#'.repeat(Number(level))} ${oneLine(text, 100)}`);
			return false;
		}
	});
	return lines;
}
