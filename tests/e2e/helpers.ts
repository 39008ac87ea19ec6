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
	// The files have loaded; on a narrow window the tree is in a tab that is not showing.
	await expect(page.getByRole('tree', { name: 'Files', includeHidden: true })).toBeAttached();
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

export type ApiFormat = 'Anthropic' | 'OpenAI-compatible';

export interface SettingsOptions {
	model?: string;
	contextWindow?: number;
	images?: 'Yes' | 'No';
}

/** Fills Settings as a person would and saves. */
export async function configure(
	page: Page,
	format: ApiFormat,
	baseUrl: string,
	options: SettingsOptions = {}
) {
	const dialog = await fillSettings(page, format, baseUrl, options);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

/** Opens Settings and fills it as a person would, without saving; the dialog. */
export async function fillSettings(
	page: Page,
	format: ApiFormat,
	baseUrl: string,
	options: SettingsOptions = {}
) {
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: format });
	await dialog.getByRole('textbox', { name: 'API key' }).fill('sk-test-key-123456');
	await dialog.getByRole('textbox', { name: 'Base URL' }).fill(baseUrl);
	await dialog.getByRole('combobox', { name: 'Model' }).fill(options.model ?? 'mock-model');
	if (options.contextWindow) {
		await dialog
			.getByRole('textbox', { name: 'Context window' })
			.fill(String(options.contextWindow));
	}
	if (options.images) {
		await dialog
			.getByRole('combobox', { name: 'Accepts images' })
			.selectOption({ label: options.images });
	}
	return dialog;
}

/** Types a chat message and sends it with Enter. */
export async function send(page: Page, text: string) {
	const chat = page.getByRole('region', { name: 'Chat' });
	await chat.getByRole('textbox', { name: 'Message' }).fill(text);
	await chat.getByRole('textbox', { name: 'Message' }).press('Enter');
}

/**
 * A Blank project with two chats answered by the scripted model ("First question" → "First
 * answer.", then in a new chat "Second question" → "Second answer."); the second is open.
 * The model server must be scripted with those two answers.
 */
export async function projectWithTwoChats(page: Page, modelServerUrl: string) {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServerUrl);
	const chat = page.getByRole('region', { name: 'Chat' });
	await send(page, 'First question');
	await expect(chat.getByText('First answer.')).toBeVisible();
	await chat.getByRole('button', { name: 'New chat' }).click();
	await send(page, 'Second question');
	await expect(chat.getByText('Second answer.')).toBeVisible();
	return chat;
}
