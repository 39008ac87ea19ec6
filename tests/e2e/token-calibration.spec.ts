import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

test('a message too big for the model is refused before sending and stays in the composer', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'Short answer.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url, { contextWindow: 16_000 });

	// About 15k tokens of pasted log; the model takes 16k less 8k kept for the answer.
	const huge = Array.from({ length: 1_500 }, (_, i) => `line ${i}: GET /api/items 200 12ms`).join(
		'\n'
	);
	await send(page, huge);
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText(/This message is too long for mock-model/)).toBeVisible();
	await expect(chat.getByText(/It was not sent and nothing was saved/)).toBeVisible();
	await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue(huge);
	// Only the free count was asked for; no model request was made.
	expect(modelServer.requests()).toEqual([]);

	// The chat goes on with a message that fits.
	await send(page, 'Hello');
	await expect(chat.getByText('Short answer.')).toBeVisible();
});

test('a prompt the model refuses as too long is compacted and sent again, with a note', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				match: { lastUserMessageIncludes: 'about to be replaced by a summary' },
				text: '## Intent\nRead a.txt.\n## Current state\nRead it.'
			},
			{ toolCalls: [{ name: 'list', input: { path: '.' } }] },
			{ fault: { type: 'http', status: 400 } },
			{ text: 'Listed the files.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'List the files');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('Listed the files.')).toBeVisible({ timeout: 30_000 });
	await expect(
		chat.getByText(
			/The prompt was too long for the model \(215k tokens, it takes 200k\); Kiln compacted the conversation .* and retried\./
		)
	).toBeVisible();
});
