import type { Page } from '@playwright/test';
import { expect, test } from './model-server';
import AxeBuilder from '@axe-core/playwright';
import { createProject, runInTerminal } from './helpers';

/** Three files that mention widgetCount, written from the terminal (so the workspace indexes them). */
async function projectWithWidgets(page: Page) {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await runInTerminal(
		page,
		"mkdir -p src && printf 'const widgetCount = 1;\\nexport { widgetCount };\\n' > a.ts && printf 'import { widgetCount } from \"../a\";\\nconsole.log(widgetCount + widgetCount);\\n' > src/b.ts && echo 'widgetCount here' > notes.md"
	);
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toBeVisible();
}

async function openSearch(page: Page) {
	await page.keyboard.press('ControlOrMeta+Shift+F');
	const search = page.getByRole('region', { name: 'Search' });
	await expect(search.getByRole('searchbox', { name: 'Search text' })).toBeFocused();
	return search;
}

test('Ctrl+Shift+F opens the Search panel, even from the editor; results are grouped by file', async ({
	page
}) => {
	await projectWithWidgets(page);
	// From inside the editor, where the key used to open CodeMirror's find.
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'notes.md' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await editor.locator('.cm-content').click();
	const search = await openSearch(page);
	await expect(editor.locator('.cm-search')).toHaveCount(0);

	await page.keyboard.type('widgetCount');
	await expect(search.getByRole('status').first()).toHaveText('6 results in 3 files');
	const results = search.getByRole('list', { name: 'Results' });
	await expect(results.getByRole('button', { name: 'a.ts, 2 matches' })).toBeVisible();
	await expect(results.getByRole('button', { name: 'src/b.ts, 3 matches' })).toBeVisible();
	await expect(results.getByRole('button', { name: 'notes.md, 1 match' })).toBeVisible();
	const inB = results.getByRole('list', { name: 'Matches in src/b.ts' });
	await expect(inB.getByRole('button')).toHaveCount(3);
	await expect(inB.locator('mark').first()).toHaveText('widgetCount');

	// Options: whole word and match case narrow it; a glob leaves files out.
	await search.getByRole('button', { name: 'Match case' }).click();
	await search.getByRole('searchbox', { name: 'Search text' }).fill('WIDGETCOUNT');
	await expect(search.getByRole('status').first()).toContainText('No results');
	await search.getByRole('button', { name: 'Match case' }).click();
	await search.getByRole('textbox', { name: 'Files to exclude' }).fill('*.md');
	await expect(search.getByRole('status').first()).toHaveText('5 results in 2 files');

	// A click opens the file at the match's line; Enter on a row does the same.
	await results
		.getByRole('list', { name: 'Matches in a.ts' })
		.getByRole('button', { name: /export \{ widgetCount \}/ })
		.click();
	await expect(editor.getByRole('tab', { name: /a\.ts/ })).toHaveAttribute('aria-selected', 'true');
	await expect(editor.locator('.cm-activeLine')).toContainText('export { widgetCount };');
	await inB
		.getByRole('button', { name: /console\.log/ })
		.first()
		.focus();
	await page.keyboard.press('Enter');
	await expect(editor.getByRole('tab', { name: /b\.ts/ })).toHaveAttribute('aria-selected', 'true');
	await expect(editor.locator('.cm-activeLine')).toContainText('console.log');
});

test('replace across files shows each change, leaves unticked ones, and follows the files', async ({
	page
}) => {
	await projectWithWidgets(page);
	const search = await openSearch(page);
	await search.getByRole('button', { name: 'Regex' }).click();
	await search.getByRole('searchbox', { name: 'Search text' }).fill('widget(Count)');
	await expect(search.getByRole('status').first()).toHaveText('6 results in 3 files');

	await search.getByRole('button', { name: 'Replace', exact: true }).click();
	await search.getByRole('textbox', { name: 'Replace with' }).fill('item$1');
	const results = search.getByRole('list', { name: 'Results' });
	// Each change shows as before and after.
	const inA = results.getByRole('list', { name: 'Matches in a.ts' });
	await expect(inA.locator('del').first()).toHaveText('widgetCount');
	await expect(inA.locator('ins').first()).toHaveText('itemCount');

	// Untick a whole file and one match of another.
	await results.getByRole('checkbox', { name: 'Replace in notes.md' }).uncheck();
	await results
		.getByRole('list', { name: 'Matches in src/b.ts' })
		.getByRole('checkbox', { name: 'Replace on line 1, column 10' })
		.uncheck();
	await search.getByRole('button', { name: 'Replace 4' }).click();
	await expect(search.getByRole('status').filter({ hasText: 'Replaced' })).toHaveText(
		'Replaced 4 matches in 2 files.'
	);
	// What is left is listed: the unticked ones.
	await expect(search.getByRole('status').first()).toHaveText('2 results in 2 files');

	await runInTerminal(page, 'cat a.ts src/b.ts notes.md > all.txt');
	await page.getByRole('tab', { name: 'Files' }).click();
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'all.txt' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await expect(editor.locator('.cm-content')).toContainText('const itemCount = 1;');
	await expect(editor.locator('.cm-content')).toContainText('import { widgetCount } from "../a";');
	await expect(editor.locator('.cm-content')).toContainText('console.log(itemCount + itemCount);');
	await expect(editor.locator('.cm-content')).toContainText('widgetCount here');

	// A file changed in the terminal shows up in the results without searching again.
	await page.getByRole('tab', { name: 'Search' }).click();
	await runInTerminal(page, "echo 'widgetCount again' > late.txt");
	await expect(
		search.getByRole('list', { name: 'Results' }).getByRole('button', { name: 'late.txt, 1 match' })
	).toBeVisible();
});

test('replace is refused while another tab owns the project', async ({ page }) => {
	await projectWithWidgets(page);
	const second = await page.context().newPage();
	await second.goto(page.url());
	await expect(
		second.getByRole('status').filter({ hasText: 'This project is open in another tab' })
	).toBeVisible();
	await expect(second.getByRole('tree', { name: 'Files' })).toBeVisible();
	const search = await openSearch(second);
	await second.keyboard.type('widgetCount');
	await expect(search.getByRole('status').first()).toHaveText('6 results in 3 files');
	await search.getByRole('button', { name: 'Replace', exact: true }).click();
	await search.getByRole('textbox', { name: 'Replace with' }).fill('gone');
	await expect(search.getByRole('button', { name: 'Replace 6' })).toBeDisabled();
});

test('on a narrow window Ctrl+Shift+F shows the Search panel in the Files tab', async ({
	page
}) => {
	await page.setViewportSize({ width: 700, height: 900 });
	await page.goto('/?runtime=browser');
	await page.getByRole('textbox', { name: 'Project name' }).fill('Narrow search');
	await page.getByRole('radio', { name: 'Static site' }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	const panels = page.getByRole('tablist', { name: 'Panels' });
	await panels.getByRole('tab', { name: 'Chat' }).click();
	const search = await openSearch(page);
	await expect(panels.getByRole('tab', { name: 'Files' })).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.type('Hello');
	await expect(search.getByRole('list', { name: 'Results' })).toBeVisible();
	// The side bar's own switch goes back to the tree.
	await page.getByRole('tablist', { name: 'Side bar' }).getByRole('tab', { name: 'Files' }).click();
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	await expect(search).toBeHidden();
});

test('the Search panel and its replace preview pass the accessibility checks', async ({ page }) => {
	await projectWithWidgets(page);
	const search = await openSearch(page);
	await page.keyboard.type('widgetCount');
	await search.getByRole('button', { name: 'Replace', exact: true }).click();
	await search.getByRole('textbox', { name: 'Replace with' }).fill('itemCount');
	await expect(search.locator('ins').first()).toHaveText('itemCount');
	const scan = await new AxeBuilder({ page }).include('section[aria-label="Search"]').analyze();
	expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
