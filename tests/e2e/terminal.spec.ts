import { expect, test } from './model-server';
import { createProject, runInTerminal } from './helpers';

test.describe('the offline terminal', () => {
	test.beforeEach(async ({ page }) => {
		await createProject(page, 'Blank', { query: '?runtime=browser' });
	});

	test('cd persists between commands, and files land where it points', async ({ page }) => {
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await runInTerminal(page, 'mkdir -p src/lib');
		await runInTerminal(page, 'cd src/lib');
		await runInTerminal(page, 'pwd');
		await expect(terminal).toContainText('/src/lib');
		await runInTerminal(page, 'echo deep > here.txt');
		const tree = page.getByRole('tree', { name: 'Files' });
		await tree.getByRole('treeitem', { name: 'src' }).click();
		await tree.getByRole('treeitem', { name: 'lib' }).click();
		await expect(tree.getByRole('treeitem', { name: 'here.txt' })).toBeVisible();
	});

	test('history recalls the previous command, and Ctrl+C stops a running one', async ({ page }) => {
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await runInTerminal(page, 'echo first-$((20+1))');
		await expect(terminal).toContainText('first-21');
		await page.keyboard.press('ArrowUp');
		await page.keyboard.press('Enter');
		await expect
			.poll(async () => (await terminal.innerText()).split('first-21').length - 1)
			.toBe(2);

		await runInTerminal(page, 'sleep 60');
		await page.keyboard.press('Control+c');
		await expect(terminal).toContainText('^C');
		await runInTerminal(page, 'echo after-interrupt');
		await expect(terminal).toContainText('after-interrupt');
	});

	test('clear empties the screen', async ({ page }) => {
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await runInTerminal(page, 'echo noisy-output');
		await expect(terminal).toContainText('noisy-output');
		await runInTerminal(page, 'clear');
		await expect(terminal).not.toContainText('noisy-output');
	});

	test('files removed by a command leave the tree', async ({ page }) => {
		const tree = page.getByRole('tree', { name: 'Files' });
		await runInTerminal(page, 'echo x > doomed.txt');
		await expect(tree.getByRole('treeitem', { name: 'doomed.txt' })).toBeVisible();
		await runInTerminal(page, 'rm doomed.txt');
		await expect(tree.getByRole('treeitem', { name: 'doomed.txt' })).toHaveCount(0);
	});

	test('a here-document typed line by line runs once its delimiter comes', async ({ page }) => {
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await runInTerminal(page, "cat <<'EOF' > notes.md");
		// The shell waits for more (bash's `> ` prompt) rather than running the first line.
		await expect(terminal.locator('.xterm-rows')).toContainText('>');
		for (const line of ['# Heading', 'body with $HOME', 'EOF']) {
			await page.keyboard.type(line);
			await page.keyboard.press('Enter');
		}
		await runInTerminal(page, 'cat notes.md; echo "lines=$(wc -l < notes.md)"');
		await expect(terminal).toContainText('body with $HOME');
		await expect(terminal).toContainText('lines=2');
		const tree = page.getByRole('tree', { name: 'Files' });
		await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toBeVisible();
	});

	test('Tab completes commands and paths', async ({ page }) => {
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await runInTerminal(page, 'mkdir -p src/widgets && echo widget-content > src/widgets/dial.txt');
		// A command name, completed with a space after it.
		await page.keyboard.type('ech');
		await page.keyboard.press('Tab');
		await page.keyboard.type('completed-$((6*7))');
		await page.keyboard.press('Enter');
		await expect(terminal).toContainText('completed-42');
		// A folder gets a slash, a file a space; Tab stayed in the terminal throughout.
		await page.keyboard.type('cat src/wi');
		await page.keyboard.press('Tab');
		await page.keyboard.type('di');
		await page.keyboard.press('Tab');
		await expect(terminal).toContainText('cat src/widgets/dial.txt');
		await page.keyboard.press('Enter');
		await expect(terminal).toContainText('widget-content');
	});

	test('Escape then Tab or Shift+Tab leaves the terminal, as its hint says', async ({ page }) => {
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await expect(terminal).toContainText('$');
		await page.keyboard.press('Control+`');
		const input = terminal.getByRole('textbox');
		await expect(input).toBeFocused();
		const hint = 'Tab completes. To leave the terminal, press Escape, then Tab or Shift+Tab.';
		await expect(terminal.getByText(hint)).toBeVisible();
		await expect(input).toHaveAccessibleDescription(hint);
		// Tab alone belongs to the shell.
		await page.keyboard.press('Tab');
		await expect(input).toBeFocused();
		await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		await expect(input).not.toBeFocused();
		await expect(terminal.getByText(hint)).toBeHidden();
		// And back in, then out backwards.
		await page.keyboard.press('Control+`');
		await expect(input).toBeFocused();
		await page.keyboard.press('Escape');
		await page.keyboard.press('Shift+Tab');
		await expect(input).not.toBeFocused();
		expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
	});
});
