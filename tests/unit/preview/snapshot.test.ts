// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { accessibilityOutline } from '../../../src/lib/preview/snapshot';

function page(html: string): Element {
	document.body.innerHTML = html;
	return document.body;
}

describe('accessibilityOutline', () => {
	it('lists landmarks, headings, controls and text with their roles and names', () => {
		const body = page(`
			<header><nav aria-label="Main"><a href="/">Home</a> <a href="/about">About us</a></nav></header>
			<main>
				<h1>Totals</h1>
				<p>Sum of <strong>all</strong> orders</p>
				<label>Name <input type="text" value="Ada"></label>
				<label><input type="checkbox" checked> Remember me</label>
				<button disabled>Save</button>
				<ul><li>First</li><li>Second</li></ul>
				<img src="chart.png" alt="Sales chart">
			</main>`);
		expect(accessibilityOutline(body, 5000)).toBe(
			[
				'- banner',
				'  - navigation "Main"',
				'    - link "Home"',
				'    - link "About us"',
				'- main',
				'  - heading "Totals" [level=1]',
				'  - text "Sum of"',
				'  - text "all"',
				'  - text "orders"',
				'  - textbox "Name" [value="Ada"]',
				'  - checkbox "Remember me" [checked]',
				'  - button "Save" [disabled]',
				'  - list',
				'    - listitem',
				'      - text "First"',
				'    - listitem',
				'      - text "Second"',
				'  - img "Sales chart"'
			].join('\n')
		);
	});

	it('leaves out what is hidden, scripts and styles', () => {
		const body = page(`
			<h2 aria-hidden="true">Hidden heading</h2>
			<div hidden><button>Hidden button</button></div>
			<script>var secret = 1;</script><style>p { color: red }</style>
			<p>Shown</p>`);
		expect(accessibilityOutline(body, 5000)).toBe('- text "Shown"');
	});

	it('stops at the characters asked for and says so', () => {
		const body = page(Array.from({ length: 200 }, (_, i) => `<p>Paragraph ${i}</p>`).join(''));
		const outline = accessibilityOutline(body, 300);
		expect(outline.length).toBeLessThanOrEqual(300 + 50);
		expect(outline).toMatch(/… \(outline cut at 300 characters\)$/);
	});

	it('says when the page shows nothing', () => {
		expect(accessibilityOutline(page(''), 100)).toBe('(the page shows nothing)');
	});
});
