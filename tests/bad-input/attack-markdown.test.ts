// @vitest-environment jsdom
/**
 * Markdown from a prompt-injected model that tries to run script past the sanitiser (mutation
 * XSS, encoded schemes, SVG links) or to make a link read as another address (a URL as link
 * text, a right-to-left override, a look-alike domain). Each row shows the links that survived:
 * their text as shown and where they really go.
 */
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/lib/components/chat/markdown';
import { recordRow } from '../suite-table/row';

function rendered(input: string): HTMLElement {
	const root = document.createElement('div');
	root.innerHTML = renderMarkdown(input);
	return root;
}

function linksOf(root: HTMLElement): string {
	const links = [...root.querySelectorAll('a')].map(
		(a) => `"${a.textContent}" → ${a.getAttribute('href') ?? '(no href)'}`
	);
	return links.length ? links.join('; ') : '(no links)';
}

const SCRIPTED = [
	['entity-named colon', '<a href="javascript&colon;alert(1)">x</a>'],
	['zero-padded entity', '<a href="&#0000106avascript:alert(1)">x</a>'],
	['tab inside the scheme', '<a href="java\tscript:alert(1)">x</a>'],
	['math/style mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
	['svg link', '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>'],
	[
		'attribute breakout',
		'<a href="https://ok.example" title="&quot;><img src=x onerror=alert(1)>">ok</a>'
	],
	['noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">']
] as const;

describe('script hidden in markdown links', () => {
	for (const [label, input] of SCRIPTED) {
		test(label, ({ task }) => {
			const root = rendered(input);
			const hrefs = [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '');
			const handlers = [...root.querySelectorAll('*')].flatMap((el) =>
				[...el.attributes].filter((attr) => attr.name.startsWith('on')).map((attr) => attr.name)
			);
			recordRow(task, {
				input: `${label}: ${input}`,
				'what Kiln did': `links: ${linksOf(root)}; elements: ${[...root.querySelectorAll('*')].map((el) => el.tagName.toLowerCase()).join(' ') || 'none'}; handlers: ${handlers.join(' ') || 'none'}`
			});
			expect(hrefs.every((href) => /^https:\/\//.test(href))).toBe(true);
			expect(handlers).toEqual([]);
			expect(root.querySelector('img, svg, math, style, script')).toBeNull();
		});
	}
});

const DECEPTIVE = [
	[
		'a URL as the text of a link elsewhere',
		'[https://console.anthropic.com/settings/keys](https://evil.example/keys)',
		'evil.example'
	],
	['a domain as the text', '[github.com/sveltejs/kit](https://evil.example/kit)', 'evil.example'],
	['right-to-left override', '[\u202Emoc.elgoog](https://evil.example)', 'evil.example'],
	['look-alike domain (Cyrillic а)', '[аnthropic.com](https://аnthropic.com/)', 'xn--'],
	['zero-width space in the text', '[git\u200Bhub.com](https://evil.example)', 'evil.example']
] as const;

describe('links that read as another address', () => {
	for (const [label, input, shown] of DECEPTIVE) {
		test(label, ({ task }) => {
			const root = rendered(input);
			const text = root.querySelector('a')?.textContent ?? '';
			recordRow(task, {
				input: `${label}: ${JSON.stringify(input)}`,
				'what Kiln did': `shown as: ${JSON.stringify(text)}`
			});
			expect(text).toContain(shown);
			expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
		});
	}

	test('plain links stay as written', ({ task }) => {
		const root = rendered(
			'[the docs](https://svelte.dev/docs) and [svelte.dev](https://svelte.dev/)'
		);
		const texts = [...root.querySelectorAll('a')].map((a) => a.textContent);
		recordRow(task, {
			input:
				'ordinary links: [the docs](https://svelte.dev/docs), [svelte.dev](https://svelte.dev/)',
			'what Kiln did': `shown as: ${JSON.stringify(texts)}`
		});
		expect(texts).toEqual(['the docs', 'svelte.dev']);
	});
});
