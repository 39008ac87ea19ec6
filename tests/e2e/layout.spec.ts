import { expect, test } from './model-server';
import { createProject, runInTerminal } from './helpers';

test('pane sizes can be changed by keyboard and are remembered after a reload', async ({
	page
}) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const gutter = page.getByRole('separator', { name: 'Resize chat' });
	const before = Number(await gutter.getAttribute('aria-valuenow'));
	await gutter.focus();
	await page.keyboard.press('Shift+ArrowRight');
	await expect(gutter).toHaveAttribute('aria-valuenow', String(before + 10));
	await page.reload();
	await expect(page.getByRole('separator', { name: 'Resize chat' })).toHaveAttribute(
		'aria-valuenow',
		String(before + 10)
	);
});

test('on a narrow window the panes become tabs, the chat first, and each keeps its state', async ({
	page
}) => {
	await page.setViewportSize({ width: 700, height: 900 });
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const tabs = page.getByRole('tablist', { name: 'Panels' });
	await expect(tabs.getByRole('tab').first()).toHaveText('Chat');
	await expect(tabs.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
	const message = page
		.getByRole('region', { name: 'Chat' })
		.getByRole('textbox', { name: 'Message' });
	await message.fill('Half a thought');

	// Arrow keys move between the tabs and show them.
	await tabs.getByRole('tab', { name: 'Chat' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(tabs.getByRole('tab', { name: 'Files' })).toBeFocused();
	await expect(tabs.getByRole('tab', { name: 'Files' })).toHaveAttribute('aria-selected', 'true');
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'main.js' })
		.click();
	// Opening a file shows the editor tab with it.
	await expect(tabs.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
	await expect(
		page.getByRole('region', { name: 'Editor' }).getByRole('tab', { name: 'main.js' })
	).toBeVisible();
	await tabs.getByRole('tab', { name: 'Preview' }).click();
	const heading = page.frameLocator('iframe[title="Preview"]').getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('Hello!');
	// Marks the preview's page, to tell a kept page from a reloaded one.
	await heading.evaluate((h1) => h1.setAttribute('data-kept', 'yes'));
	await tabs.getByRole('tab', { name: 'Terminal' }).click();
	await runInTerminal(page, 'echo kept-$((40 + 2))');
	const terminal = page.getByRole('region', { name: 'Terminal' });
	await expect(terminal).toContainText('kept-42');

	// Hidden panels were kept, not unmounted: the unsent text, the shell and the page are there.
	await tabs.getByRole('tab', { name: 'Chat' }).click();
	await expect(message).toHaveValue('Half a thought');
	await expect(terminal).toBeHidden();
	await tabs.getByRole('tab', { name: 'Terminal' }).click();
	await expect(terminal).toContainText('kept-42');
	await tabs.getByRole('tab', { name: 'Preview' }).click();
	await expect(heading).toHaveAttribute('data-kept', 'yes');
});

test('a narrow window opens straight into tabs: the wide layout is never built', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	const url = await createProject(page, 'Blank', { query: '?runtime=browser' });
	// From the page's first script: which pane sizes did the page look up? The wide layout's
	// panes (chat, file tree, terminal, preview) each read theirs as they are built, so a layout
	// built and dropped within one task leaves its reads behind.
	await page.addInitScript(() => {
		const read: string[] = [];
		(window as unknown as { __kilnPaneReads: string[] }).__kilnPaneReads = read;
		const getItem = Storage.prototype.getItem;
		Storage.prototype.getItem = function (key: string) {
			read.push(key);
			return getItem.call(this, key);
		};
	});
	await page.goto(url);
	await expect(page.getByRole('tablist', { name: 'Panels' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Chat' })).toBeVisible();
	const reads = await page.evaluate(
		() => (window as unknown as { __kilnPaneReads: string[] }).__kilnPaneReads
	);
	// The tabs' own panes were looked up (the count works); the wide layout's never were.
	expect(reads).toContain('kiln:pane:processes');
	const wide = ['chat', 'tree', 'terminal', 'preview'].map((pane) => `kiln:pane:${pane}`);
	expect(reads.filter((key) => wide.includes(key))).toEqual([]);
});
