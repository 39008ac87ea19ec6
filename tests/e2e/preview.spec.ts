import { expect, test } from './model-server';
import { createProject } from './helpers';
import { previewOrigin } from './origins';

test('the static-site template previews on the offline runtime and shows a saved edit on reload', async ({
	page
}) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const preview = page.getByRole('region', { name: 'Preview' });
	const frame = page.frameLocator('iframe[title="Preview"]');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Hello!');
	// It runs on the preview origin, never on the IDE's.
	await expect(preview.getByTitle('Preview', { exact: true })).toHaveAttribute(
		'src',
		new RegExp(`^${previewOrigin}/preview/`)
	);
	// Its script ran (the counter is wired) and its stylesheet loaded.
	await frame.getByRole('button', { name: 'Click me' }).click();
	await expect(frame.getByText('1 click')).toBeVisible();
	const color = await frame
		.getByRole('heading', { level: 1 })
		.evaluate((element) => getComputedStyle(element).color);
	expect(color).not.toBe('rgb(0, 0, 0)');

	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'index.html' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	// Put the cursor right after "Hello!" inside the <h1> and change the text.
	const line = editor.locator('.cm-line', { hasText: '<h1>Hello!</h1>' });
	await line.click();
	await page.keyboard.press('Home');
	await page.keyboard.press('End');
	for (let i = 0; i < '</h1>'.length; i++) await page.keyboard.press('ArrowLeft');
	await page.keyboard.type(' Edited');
	await page.keyboard.press('ControlOrMeta+s');
	await expect(editor.getByRole('tab', { name: /index\.html/ })).not.toContainText('●');

	// Live reload: the saved change shows without touching the preview.
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Hello! Edited');

	// The address bar follows the page inside the (cross-origin) preview.
	const address = preview.getByRole('textbox', { name: 'Preview address' });
	await expect(address).toHaveValue('/');
	await frame.locator('body').evaluate(() => (location.hash = 'section'));
	await expect(address).toHaveValue('/#section');

	// Reload starts the page afresh: the counter's state is gone.
	await frame.getByRole('button', { name: 'Click me' }).click();
	await expect(frame.getByText('1 click')).toBeVisible();
	await preview.getByRole('button', { name: 'Reload' }).click();
	await expect(frame.getByText('0 clicks')).toBeVisible();
});

test('Open in new tab shows the same page outside the IDE', async ({ page, context }) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const frame = page.frameLocator('iframe[title="Preview"]');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Hello!');
	const [tab] = await Promise.all([
		context.waitForEvent('page'),
		page
			.getByRole('region', { name: 'Preview' })
			.getByRole('link', { name: 'Open in new tab' })
			.click()
	]);
	await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Hello!');
	expect(new URL(tab.url()).origin).toBe(previewOrigin);
	expect(new URL(tab.url()).pathname).toMatch(/^\/preview\//);
	// A reload asks the IDE tab again (the worker caches nothing), from this top-level tab.
	await tab.reload();
	await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Hello!');
});

test('a Vite project on the offline runtime explains why it cannot preview', async ({ page }) => {
	await createProject(page, 'Vite + TypeScript', { query: '?runtime=browser' });
	const preview = page.getByRole('region', { name: 'Preview' });
	await expect(preview).toContainText(/src\/main\.ts.*needs a build step/);
	await expect(preview.locator('iframe')).toHaveCount(0);
});

test('without a preview origin the page shows in an opaque sandbox that says what it costs', async ({
	page
}) => {
	// A deployment that configured none: its kiln-config.json is missing.
	await page.route('**/kiln-config.json', (route) => route.fulfill({ status: 404, body: '' }));
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const preview = page.getByRole('region', { name: 'Preview' });
	await expect(preview.getByRole('note')).toContainText(
		'No preview origin is configured for this Kiln'
	);
	const frame = page.frameLocator('iframe[title="Preview"]');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Hello!');
	// No allow-same-origin (an opaque origin) and no allow-scripts.
	await expect(preview.getByTitle('Preview', { exact: true })).toHaveAttribute(
		'sandbox',
		'allow-forms allow-modals'
	);
	const sandboxed = page.frames().find((candidate) => candidate.url() === 'about:srcdoc');
	expect(await sandboxed?.evaluate(() => self.origin)).toBe('null');
	await expect(preview.getByRole('link', { name: 'Open in new tab' })).toHaveCount(0);
});
