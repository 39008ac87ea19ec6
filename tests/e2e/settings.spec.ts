import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProject, send } from './helpers';
import { expect, test } from './model-server';

/**
 * A real server on localhost that answers everything but sends no CORS headers: what Ollama
 * without OLLAMA_ORIGINS, or LM Studio without "Enable CORS", looks like to the page.
 */
async function refusingServer(): Promise<{ url: string; close(): Promise<void> }> {
	const server: Server = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"models":[],"data":[]}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

test('the project list offers a first-run card that detects Ollama, fills its models and saves one the chat then uses', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		models: ['llama3.2', 'qwen2.5-coder:7b', 'nomic-embed-text'],
		turns: [{ text: 'Hello from Ollama.' }]
	});
	await page.goto('/');
	const card = page.getByRole('region', { name: 'Connect a model' });
	await expect(card).toBeVisible();
	// A hosted provider asks for a key and links to where keys are made.
	await expect(card.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-sonnet-5');
	await expect(
		card.getByRole('link', { name: 'Create an API key at Anthropic', exact: true })
	).toHaveAttribute('href', 'https://console.anthropic.com/settings/keys');
	// The link reads right whatever the provider's name (not "Create a OpenAI API key").
	await card.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' });
	await expect(
		card.getByRole('link', { name: 'Create an API key at OpenAI', exact: true })
	).toHaveAttribute('href', 'https://platform.openai.com/api-keys');

	// Choosing Ollama probes it at once (at a port where nothing runs here: it says how to start it).
	await card.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Ollama' });
	await expect(card.getByRole('textbox', { name: 'API key' })).toBeHidden();
	const address = card.getByRole('textbox', { name: 'Server address' });
	await expect(address).toHaveValue('http://localhost:11434');
	await address.fill(modelServer.url);
	await card.getByRole('button', { name: 'Detect' }).click();
	await expect(card.getByText('Ollama is running with 3 models.')).toBeVisible();
	// The coding model is the default; the embedding model never is.
	const model = card.getByRole('combobox', { name: 'Model' });
	await expect(model).toHaveValue('qwen2.5-coder:7b');
	expect(modelServer.requests().some((request) => request.path === '/api/tags')).toBe(true);

	await card.getByRole('button', { name: 'Use this model' }).click();
	await expect(card).toBeHidden();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText(
		'qwen2.5-coder:7b'
	);

	await page.getByRole('textbox', { name: 'Project name' }).fill('Ollama test');
	await page.getByRole('radio', { name: 'Blank' }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();
	await expect(chat.getByRole('region', { name: 'Connect a model' })).toBeHidden();
	await send(page, 'Hi');
	await expect(chat.getByText('Hello from Ollama.')).toBeVisible();
	const sent = modelServer.requests().find((request) => request.method === 'POST');
	expect(sent?.path).toBe('/v1/chat/completions');
	expect(sent?.body).toMatchObject({ model: 'qwen2.5-coder:7b' });
});

test('a local server that refuses the page is told apart from one that is not running, with the setting to change', async ({
	page
}) => {
	const refusing = await refusingServer();
	try {
		await page.goto('/');
		const card = page.getByRole('region', { name: 'Connect a model' });
		const probe = card.getByRole('status');

		await card.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'LM Studio' });
		await expect(probe).toContainText('Nothing answered at http://localhost:1234');
		await card.getByRole('textbox', { name: 'Server address' }).fill(refusing.url);
		await card.getByRole('button', { name: 'Detect' }).click();
		await expect(probe).toContainText(
			`LM Studio answered at ${refusing.url} but refused this page`
		);
		await expect(probe).toContainText('“Enable CORS”');

		await card.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Ollama' });
		await card.getByRole('textbox', { name: 'Server address' }).fill(refusing.url);
		await card.getByRole('button', { name: 'Detect' }).click();
		const origin = new URL(page.url()).origin;
		await expect(probe).toContainText(`Ollama answered at ${refusing.url} but refused this page`);
		await expect(probe).toContainText(`OLLAMA_ORIGINS="${origin}" ollama serve`);
	} finally {
		await refusing.close();
	}
});

test('in the chat: the first-run card shows, the Settings banner follows the provider, and the model combobox works by keyboard', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ models: ['llama3.2', 'qwen2.5-coder:7b', 'phi4'], turns: [] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByRole('heading', { name: 'Connect a model', level: 3 })).toBeVisible();

	// Sending without a model opens Settings with the reason, worded for Settings itself.
	await send(page, 'Hello');
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await expect(dialog).toHaveAccessibleDescription('Anthropic needs an API key: add it below.');
	await expect(dialog).not.toContainText('in Settings');

	// A keyless local provider asks for no key: the banner says what Ollama still lacks.
	await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Ollama' });
	await expect(dialog).toHaveAccessibleDescription('Choose a model for Ollama below.');
	await dialog.getByRole('textbox', { name: 'Base URL' }).fill(modelServer.url);
	await dialog.getByRole('button', { name: 'Refresh models' }).click();
	const model = dialog.getByRole('combobox', { name: 'Model' });
	await expect(model).toHaveValue('qwen2.5-coder:7b');
	await expect(dialog).toHaveAccessibleDescription(/^Ready/);

	// Down opens the list at the chosen model; Down moves; Enter picks; Escape closes the list only.
	await model.focus();
	await model.press('ArrowDown');
	const list = dialog.getByRole('listbox', { name: 'Ollama models' });
	await expect(list.getByRole('option')).toHaveCount(3);
	await expect(model).toHaveAttribute('aria-expanded', 'true');
	await expect(list.getByRole('option', { name: 'qwen2.5-coder:7b' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await model.press('ArrowDown');
	const active = await model.getAttribute('aria-activedescendant');
	await expect(page.locator(`[id="${active}"]`)).toHaveText(/phi4/);
	await model.press('Enter');
	await expect(model).toHaveValue('phi4');
	await expect(list).toBeHidden();
	// Typing filters.
	await model.fill('llama');
	await expect(list.getByRole('option')).toHaveCount(1);
	await model.press('ArrowDown');
	await model.press('Escape');
	await expect(list).toBeHidden();
	await expect(dialog).toBeVisible();
	await model.fill('phi4');

	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(chat.getByRole('region', { name: 'Connect a model' })).toBeHidden();
	await expect(chat.getByRole('status').filter({ hasText: 'Connected' })).toContainText('phi4');
});
