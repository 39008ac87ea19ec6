import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { ConsoleBadge } from '../../src/lib/components/preview';
import ConsolePanel from '../../src/lib/components/preview/ConsolePanel.svelte';
import { PreviewConsole, PREVIEW_CONSOLE_LIMIT } from '../../src/lib/state';
import type { PreviewLogEntry } from '../../src/lib/tools';

const mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.innerHTML = '';
});

const boom: PreviewLogEntry = {
	kind: 'error',
	level: 'error',
	text: 'Uncaught TypeError: boom is not a function',
	stack: 'TypeError: boom is not a function\n    at start (src/app.js:12:5)',
	source: { path: 'src/app.js', line: 12, column: 5 },
	at: 3
};

function sample(): PreviewConsole {
	const log = new PreviewConsole();
	log.add({ kind: 'console', level: 'log', text: 'app started', at: 1 });
	log.add({ kind: 'console', level: 'warn', text: 'old API in use', at: 2 });
	log.add(boom);
	log.add({
		kind: 'request-failed',
		level: 'error',
		text: 'GET /data.json → 404 Not Found',
		url: 'http://preview.test/data.json',
		status: 404,
		at: 4
	});
	return log;
}

function show(log: PreviewConsole) {
	const calls = { opened: [] as unknown[], fixed: [] as PreviewLogEntry[] };
	mounted.push(
		mount(ConsolePanel, {
			target: document.body,
			props: {
				log,
				onOpenSource: (path: string, at: unknown) => calls.opened.push([path, at]),
				onFix: (entry: PreviewLogEntry) => calls.fixed.push(entry)
			}
		})
	);
	flushSync();
	const region = page.getByRole('region', { name: 'Console' });
	const rows = region.getByRole('list', { name: 'Console messages' }).getByRole('listitem');
	const texts = () => rows.elements().map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
	return { region, rows, texts, calls };
}

describe('region "Console"', () => {
	it('lists the entries with their level, a readable failed request, and the counts', async () => {
		const { region, texts } = show(sample());
		await expect.element(region).toBeVisible();
		expect(texts()).toEqual([
			'Log: app started',
			'▲ Warning: old API in use',
			'✖ Error: Uncaught TypeError: boom is not a function src/app.js:12 Fix with Kiln Stack TypeError: boom is not a function at start (src/app.js:12:5)',
			'✖ Error: Failed request GET /data.json → 404 Not Found Fix with Kiln'
		]);
		await expect
			.element(region.getByRole('heading', { name: /^Console\W*2 errors in the console$/ }))
			.toBeVisible();
		await expect.element(region.getByRole('button', { name: 'Errors 2' })).toBeVisible();
	});

	it('filters by level and by text, and says when nothing matches', async () => {
		const { region, texts } = show(sample());
		await region.getByRole('button', { name: 'Errors 2' }).click();
		await expect
			.element(region.getByRole('button', { name: 'Errors 2' }))
			.toHaveAttribute('aria-pressed', 'false');
		expect(texts()).toEqual(['Log: app started', '▲ Warning: old API in use']);
		await region.getByRole('searchbox', { name: 'Filter console' }).fill('OLD api');
		await expect.poll(texts).toEqual(['▲ Warning: old API in use']);
		await region.getByRole('searchbox', { name: 'Filter console' }).fill('data.json');
		await expect.element(region).toHaveTextContent('No messages match the filter.');
		await region.getByRole('button', { name: 'Errors 2' }).click();
		await expect.poll(texts).toHaveLength(1);
		expect(texts()[0]).toContain('GET /data.json → 404');
	});

	it('Clear empties it; entries arriving after still show', async () => {
		const log = sample();
		const { region, texts } = show(log);
		await region.getByRole('button', { name: 'Clear' }).click();
		await expect.element(region).toHaveTextContent('Nothing from the page yet.');
		expect(log.entries).toEqual([]);
		log.add({ kind: 'console', level: 'info', text: 'after clear', at: 5 });
		await expect.poll(texts).toEqual(['ℹ Info: after clear']);
	});

	it('opens the source at its line, and Fix with Kiln hands over that error', async () => {
		const { region, calls } = show(sample());
		await region.getByRole('button', { name: 'src/app.js:12' }).click();
		expect(calls.opened).toEqual([['src/app.js', boom.source]]);
		const fix = region.getByRole('button', { name: 'Fix with Kiln' });
		expect(fix.elements()).toHaveLength(2);
		await fix.first().click();
		expect(calls.fixed).toEqual([boom]);
	});

	it('keeps 1,000 entries and adds one without rebuilding the rows already shown', async () => {
		const log = new PreviewConsole();
		for (let i = 0; i < PREVIEW_CONSOLE_LIMIT; i++) {
			log.add({ kind: 'console', level: 'log', text: `message ${i}`, at: i });
		}
		const { rows } = show(log);
		expect(rows.elements()).toHaveLength(PREVIEW_CONSOLE_LIMIT);
		const second = rows.elements()[1];
		log.add({ kind: 'console', level: 'log', text: 'one more', at: 2000 });
		flushSync();
		const after = rows.elements();
		expect(after).toHaveLength(PREVIEW_CONSOLE_LIMIT);
		// The oldest went, the rest are the same DOM nodes (keyed by position), the new one is last.
		expect(after[0]).toBe(second);
		expect(after.at(-1)!.textContent).toContain('one more');
	});
});

describe('the count badge', () => {
	const at = 1;
	const error: PreviewLogEntry = { kind: 'error', level: 'error', text: 'x', at };
	const warning: PreviewLogEntry = { kind: 'console', level: 'warn', text: 'w', at };
	const navigation: PreviewLogEntry = { kind: 'navigation', level: 'info', text: 'n', at };

	function tab(entries: PreviewLogEntry[]) {
		const button = document.createElement('button');
		button.setAttribute('role', 'tab');
		button.append('Preview');
		document.body.append(button);
		mounted.push(mount(ConsoleBadge, { target: button, props: { entries } }));
		flushSync();
		return button;
	}

	it('counts the errors of the page shown, says so in the tab name, else its warnings', async () => {
		tab([error, navigation, error, warning, error, error]);
		await expect
			.element(page.getByRole('tab', { name: /^Preview\W*3 errors in the console$/ }))
			.toBeVisible();
		document.body.innerHTML = '';
		tab([error, navigation, warning]);
		await expect
			.element(page.getByRole('tab', { name: /^Preview\W*1 warning in the console$/ }))
			.toBeVisible();
		document.body.innerHTML = '';
		// The errors were before the page was reloaded (after a fix): nothing to count.
		expect(tab([error, error, navigation]).textContent).toBe('Preview');
	});
});
