import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

for (const format of ['Anthropic', 'OpenAI-compatible'] as const) {
	test(`${format}: the agent writes a file, runs bash and answers`, async ({
		page,
		modelServer
	}) => {
		modelServer.setScript({
			turns: [
				{
					text: 'I will create the file.',
					toolCalls: [
						{ name: 'write', input: { path: 'hello.txt', content: 'Hello from the agent\n' } }
					]
				},
				{ toolCalls: [{ name: 'bash', input: { command: 'cat hello.txt' } }] },
				{ text: 'Done: **hello.txt** now greets you.' }
			]
		});
		await createProject(page, 'Blank', { query: '?runtime=browser' });
		const baseUrl = format === 'Anthropic' ? modelServer.url : modelServer.openaiBaseURL;
		await configure(page, format, baseUrl);
		await send(page, 'Create `hello.txt` with a **greeting**');

		const chat = page.getByRole('region', { name: 'Chat' });
		// The person's message is Markdown too.
		await expect(chat.locator('strong', { hasText: 'greeting' })).toBeVisible();
		await expect(chat.locator('code', { hasText: 'hello.txt' })).toBeVisible();
		const write = chat.getByRole('group', { name: 'write' });
		await expect(write).toContainText('done');
		await expect(write).toContainText('+Hello from the agent');
		// A quick call reads in milliseconds (it once read "done 0 s").
		await expect(write).toContainText(/done\s*(\d+ ms|\d+(\.\d)? s)/);
		await expect(write).not.toContainText(/done\s*0 s/);
		const bash = chat.getByRole('group', { name: 'bash' });
		await expect(bash).toContainText('done');
		await bash.getByText('Output').click();
		await expect(bash).toContainText('Hello from the agent');
		// The exit code shows once, not also at the end of the output.
		await expect(bash.getByText(/exit code:? 0/i)).toHaveCount(1);
		await expect(chat.getByText('now greets you')).toBeVisible();
		await expect(chat.locator('strong', { hasText: 'hello.txt' })).toBeVisible();

		const item = page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'hello.txt' });
		await expect(item).toBeVisible();
		await item.click();
		await expect(page.getByRole('region', { name: 'Editor' }).locator('.cm-content')).toContainText(
			'Hello from the agent'
		);

		// The key went to the model API, in the header that API expects.
		const requests = modelServer.requests().filter((r) => r.format !== null);
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => r.apiKey.present)).toBe(true);

		// A reload shows the conversation again.
		await page.reload();
		await expect(
			page.getByRole('region', { name: 'Chat' }).getByText('now greets you')
		).toBeVisible();
		await expect(
			page.getByRole('region', { name: 'Chat' }).getByRole('group', { name: 'write' })
		).toContainText('done');
	});
}

test('Stop mid-stream leaves a consistent transcript and the next turn works', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				text: 'Thinking out loud for a long time. '.repeat(40),
				fault: { type: 'stall', afterChunks: 6 }
			},
			{ text: 'Fresh answer after the stop.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Tell me a long story');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat).toContainText('Thinking out loud');
	await chat.getByRole('button', { name: 'Stop' }).click();
	await expect(chat).toContainText(/stopped/i);
	await expect(chat.getByRole('button', { name: 'Send' })).toBeVisible();

	await send(page, 'Go on');
	await expect(chat).toContainText('Fresh answer after the stop.');
	// The cut answer was kept in the history the model sees next.
	const last = modelServer.requests().at(-1);
	expect(JSON.stringify(last?.body)).toContain('Thinking out loud');

	await page.reload();
	await expect(page.getByRole('region', { name: 'Chat' })).toContainText(
		'Fresh answer after the stop.'
	);
	await expect(page.getByRole('region', { name: 'Chat' })).toContainText(/stopped/i);
});

test('sending without a model opens Settings with an explanation', async ({ page }) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await send(page, 'Hello?');
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(/model/i);
});

test('an edit by the agent shows at once in the open editor, with a diff in its card', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'read', input: { path: 'README.md' } }] },
			{
				toolCalls: [
					{
						name: 'edit',
						input: { path: 'README.md', old_string: '# ', new_string: '# Edited by the agent: ' }
					}
				]
			},
			{ text: 'Renamed the heading.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'README.md' })
		.click();
	const content = page.getByRole('region', { name: 'Editor' }).locator('.cm-content');
	await expect(content).not.toContainText('Edited by the agent');
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Rename the heading');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('Renamed the heading.')).toBeVisible();
	await expect(chat.getByRole('group', { name: 'edit' })).toContainText('+# Edited by the agent');
	await expect(content).toContainText('Edited by the agent');
});

test('a message sent while a turn runs waits for it, then goes; "Don\'t send" keeps it unsent', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{ text: 'Working through it step by step. '.repeat(30), chunkDelayMs: 100 },
			{ text: 'Second answer, after the first.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'First question');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByRole('button', { name: 'Stop' })).toBeVisible();

	// Queued, then cancelled: the text stays and nothing goes when the turn ends.
	const box = chat.getByRole('textbox', { name: 'Message' });
	await box.fill('Not this one');
	await box.press('Enter');
	const queued = chat.getByRole('status').filter({ hasText: 'Sends when the current turn ends' });
	await expect(queued).toBeVisible();
	await queued.getByRole('button', { name: "Don't send" }).click();
	await expect(queued).toBeHidden();

	// Queued again: it goes once the first answer has ended.
	await box.fill('Second question');
	await box.press('Enter');
	await expect(queued).toBeVisible();
	await expect(box).toHaveValue('Second question');
	await expect(chat).toContainText('Second answer, after the first.');
	await expect(queued).toBeHidden();
	await expect(box).toHaveValue('');
	const asked = modelServer
		.requests()
		.filter((request) => request.format !== null)
		.map((request) => JSON.stringify(request.body));
	expect(asked).toHaveLength(2);
	expect(asked[1]).toContain('Second question');
	expect(asked.some((body) => body.includes('Not this one'))).toBe(false);
	await expect(chat.getByText('Second question', { exact: true })).toBeVisible();
});
