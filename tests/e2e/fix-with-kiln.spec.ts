import type { Page } from '@playwright/test';
import { configure, createProject, runInTerminal } from './helpers';
import { expect, test } from './model-server';

/** The text of the newest user message in the last request the model received. */
function lastUserText(requests: { body: unknown }[]): string {
	const body = requests.at(-1)?.body as { messages?: { role: string; content: unknown }[] };
	const user = body?.messages?.filter((message) => message.role === 'user').at(-1);
	return typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
}

const modelRequests = (server: { requests(): { format: unknown; body: unknown }[] }) =>
	server.requests().filter((request) => request.format !== null);

async function failInTerminal(page: Page) {
	await runInTerminal(page, 'cat no-such-file.txt');
	const bar = page.getByRole('region', { name: 'Terminal' }).getByRole('status');
	await expect(bar).toContainText('cat no-such-file.txt failed with exit code 1.');
	return bar;
}

test('a failing terminal command offers Fix with Kiln, and the failure is the next message the model receives', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'The file is missing; I will create it.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	// A command that succeeds offers nothing.
	await runInTerminal(page, 'echo fine');
	await expect(page.getByRole('button', { name: 'Fix with Kiln' })).toHaveCount(0);

	const bar = await failInTerminal(page);
	await bar.getByRole('button', { name: 'Fix with Kiln' }).click();
	await expect(bar).toBeHidden();
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat).toContainText('The file is missing; I will create it.');
	const sent = lastUserText(modelRequests(modelServer));
	expect(sent).toContain('failed in the terminal with exit code 1');
	expect(sent).toContain('cat no-such-file.txt');
	expect(sent).toMatch(/no-such-file\.txt: No such file/);
});

test('Fix with Kiln while the agent is busy waits in the message box instead of being lost', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				text: 'Working on it for a long time. '.repeat(40),
				fault: { type: 'stall', afterChunks: 4 }
			}
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	const chat = page.getByRole('region', { name: 'Chat' });
	const message = chat.getByRole('textbox', { name: 'Message' });
	await message.fill('Build me a page');
	await message.press('Enter');
	await expect(chat).toContainText('Working on it');

	const bar = await failInTerminal(page);
	await bar.getByRole('button', { name: 'Fix with Kiln' }).click();
	await expect(message).toHaveValue(/cat no-such-file\.txt/);
	await expect(
		chat.getByRole('status').filter({ hasText: 'Sends when the current turn ends.' })
	).toBeVisible();
	expect(modelRequests(modelServer)).toHaveLength(1);
	// Stop cancels the queued send; the text stays for the person to send.
	await chat.getByRole('button', { name: 'Stop' }).click();
	await expect(chat.getByRole('button', { name: 'Send' })).toBeVisible();
	await expect(message).toHaveValue(/failed in the terminal with exit code 1/);
});

/**
 * Writes boom.js, which throws on line 2, and has index.html load it (from the terminal). The
 * page shown is changed rather than another one opened: a live reload then shows the error, with
 * no address change racing it.
 */
async function writeBrokenPage(page: Page) {
	await runInTerminal(
		page,
		`printf 'function start() {\\n  throw new Error("kiln-e2e-boom");\\n}\\nstart();\\n' > boom.js`
	);
	await runInTerminal(page, `echo '<script src="boom.js"></script>' >> index.html`);
}

/** The Console row of the error, once the reloaded page has reported it. */
async function brokenPageEntry(page: Page) {
	const rows = page
		.getByRole('region', { name: 'Console' })
		.getByRole('listitem')
		.filter({ hasText: 'kiln-e2e-boom' });
	await expect(rows.first()).toBeVisible();
	return rows.last();
}

// These need the preview bridge (branch i11-bridge): the page's uncaught error reaches the Console.
test.describe('preview errors', () => {
	test('Fix with Kiln on a preview error puts that error in the next message the model receives', async ({
		page,
		modelServer
	}) => {
		modelServer.setScript({ turns: [{ text: 'I see the throw in boom.js.' }] });
		await createProject(page, 'Static site', { query: '?runtime=browser' });
		await configure(page, 'Anthropic', modelServer.url);
		await writeBrokenPage(page);
		const entry = await brokenPageEntry(page);
		const consoleRegion = page.getByRole('region', { name: 'Console' });
		await expect(
			consoleRegion.getByRole('heading', { name: /1 error in the console/ })
		).toBeVisible();

		// The source link opens the file at the line that threw.
		await entry.getByRole('button', { name: 'boom.js:2' }).click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.getByRole('tab', { name: /boom\.js/ })).toHaveAttribute(
			'aria-selected',
			'true'
		);
		await expect(editor.locator('.cm-activeLine')).toContainText(
			'throw new Error("kiln-e2e-boom")'
		);

		await entry.getByRole('button', { name: 'Fix with Kiln' }).click();
		await expect(page.getByRole('region', { name: 'Chat' })).toContainText(
			'I see the throw in boom.js.'
		);
		const sent = lastUserText(modelRequests(modelServer));
		expect(sent).toContain('The preview page reported an uncaught error.');
		expect(sent).toContain('kiln-e2e-boom');
		expect(sent).toContain('Source: boom.js:2');
	});

	test('on a narrow window the Preview tab counts the errors, and Fix with Kiln shows the chat', async ({
		page
	}) => {
		await createProject(page, 'Static site', { query: '?runtime=browser' });
		await page.setViewportSize({ width: 700, height: 900 });
		const tabs = page.getByRole('tablist', { name: 'Panels' });
		const previewTab = tabs.getByRole('tab', { name: /^Preview/ });
		await tabs.getByRole('tab', { name: 'Terminal' }).click();
		await writeBrokenPage(page);
		await expect(previewTab).toHaveAccessibleName('Preview');
		await previewTab.click();
		await brokenPageEntry(page);
		await tabs.getByRole('tab', { name: 'Editor' }).click();
		await expect(previewTab).toHaveAccessibleName(/^Preview\W*1 error in the console$/);

		// Fix with Kiln shows the chat; with no model set up yet, Settings opens and the error
		// waits in the message box.
		await previewTab.click();
		await (await brokenPageEntry(page)).getByRole('button', { name: 'Fix with Kiln' }).click();
		await expect(tabs.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
		const settings = page.getByRole('dialog', { name: 'Settings' });
		await expect(settings).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(settings).toBeHidden();
		await expect(
			page.getByRole('region', { name: 'Chat' }).getByRole('textbox', { name: 'Message' })
		).toHaveValue(/kiln-e2e-boom/);
	});
});
