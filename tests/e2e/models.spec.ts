import { createProject, send } from './helpers';
import { expect, test } from './model-server';

test('Settings lists the provider’s models with window and price, flags a deprecated one, and the reasoning effort reaches the next request', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		models: ['claude-sonnet-5', 'claude-sonnet-4-5', 'my-local-model'],
		turns: [{ text: 'First answer.' }, { text: 'Second answer.' }]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });

	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Anthropic' });
	// A provider never configured suggests its current default model.
	await expect(dialog.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-sonnet-5');
	await dialog.getByRole('textbox', { name: 'API key' }).fill('sk-test-key-123456');
	await dialog.getByRole('textbox', { name: 'Base URL' }).fill(modelServer.url);
	await dialog.getByRole('button', { name: 'Refresh models' }).click();
	await expect(dialog.getByText('3 models found')).toBeVisible();

	// The Model combobox lists them; each option shows its window and price.
	const model = dialog.getByRole('combobox', { name: 'Model' });
	await model.click();
	const list = dialog.getByRole('listbox', { name: 'Anthropic models' });
	const current = list.getByRole('option', { name: /^claude-sonnet-5\b/ });
	await expect(current).toContainText(/1M window · \$\d+(\.\d+)? in \/ \$\d+(\.\d+)? out/);
	await expect(current).not.toContainText('deprecated');
	const old = list.getByRole('option', { name: /^claude-sonnet-4-5\b/ });
	await expect(old).toContainText('deprecated');
	await expect(list.getByRole('option', { name: /^my-local-model\b/ })).toContainText(
		'window unknown · price unknown'
	);

	// Choosing the deprecated one warns; the current one does not.
	await old.click();
	await expect(dialog.getByRole('alert')).toContainText('claude-sonnet-4-5 is deprecated');
	await model.click();
	await current.click();
	await expect(dialog.getByRole('alert')).toBeHidden();
	await expect(model).toHaveValue('claude-sonnet-5');
	// An unknown model keeps the editable window (the catalog's shows as the placeholder).
	await expect(dialog.getByRole('textbox', { name: 'Context window' })).toHaveAttribute(
		'placeholder',
		/1M from the model catalog/
	);

	await dialog.getByRole('combobox', { name: 'Reasoning effort' }).selectOption({ label: 'High' });
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();

	const chat = page.getByRole('region', { name: 'Chat' });
	await send(page, 'First question');
	await expect(chat.getByText('First answer.')).toBeVisible();
	const bodies = () =>
		modelServer
			.requests()
			.filter((request) => request.format === 'anthropic' && request.method === 'POST')
			.map((request) => request.body as Record<string, unknown>);
	expect(bodies()[0]).toMatchObject({
		model: 'claude-sonnet-5',
		thinking: { type: 'adaptive' },
		output_config: { effort: 'high' }
	});

	// Changed mid-chat: the next request carries it, announced in the message, prefix untouched.
	await page.getByRole('button', { name: 'Settings' }).click();
	await dialog.getByRole('combobox', { name: 'Reasoning effort' }).selectOption({ label: 'Low' });
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await send(page, 'Second question');
	await expect(chat.getByText('Second answer.')).toBeVisible();
	const [first, second] = bodies();
	expect(second).toMatchObject({ output_config: { effort: 'low' } });
	expect(JSON.stringify(second!['system'])).toBe(JSON.stringify(first!['system']));
	expect(JSON.stringify(second!['tools'])).toBe(JSON.stringify(first!['tools']));
	expect(JSON.stringify(second!['messages'])).toContain('reasoning effort to low');
});
