import { expect, type Page } from '@playwright/test';

export type TemplateName = 'Blank' | 'Static site' | 'Vite + TypeScript';

/** Creates a project from the start page as a person would, and waits for the IDE to be usable. */
export async function createProject(
	page: Page,
	template: TemplateName,
	options: { name?: string; query?: string } = {}
) {
	await page.goto('/' + (options.query ?? ''));
	await page
		.getByRole('textbox', { name: 'Project name' })
		.fill(options.name ?? `${template} test`);
	await page.getByRole('radio', { name: template }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/project\/[\w-]+/);
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	return page.url();
}

/** Types a command at the terminal's prompt and presses Enter. */
export async function runInTerminal(page: Page, command: string) {
	const terminal = page.getByRole('region', { name: 'Terminal' });
	await expect(terminal).toContainText('$');
	await terminal.locator('.xterm').click();
	await page.keyboard.type(command);
	await page.keyboard.press('Enter');
}

export const runtimeStatus = (page: Page) => page.getByRole('status', { name: 'Runtime' });
