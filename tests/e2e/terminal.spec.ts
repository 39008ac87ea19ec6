import { expect, test } from '@playwright/test';
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
});
