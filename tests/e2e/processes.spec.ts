/**
 * The Processes panel beside the terminal, in the built app on the offline runtime (the only
 * one end-to-end tests have). That runtime cannot hold background processes, so what the agent
 * starts there and what the panel lists and stops is its foreground command while it runs; a
 * background start is refused, in the tool card and in the panel, with the reason.
 */
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

test('the Processes panel lists an agent-started process and "Stop" ends it', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				toolCalls: [{ name: 'bash', input: { command: 'npx serve .', run_in_background: true } }]
			},
			{ toolCalls: [{ name: 'bash', input: { command: 'echo watching; sleep 120' } }] },
			{ text: 'The watcher was stopped from the Processes panel.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);

	const processes = page.getByRole('region', { name: 'Processes' });
	await expect(processes).toContainText('Nothing runs.');
	await send(page, 'Start a watcher');

	const row = processes.getByRole('listitem').filter({ hasText: 'echo watching; sleep 120' });
	await expect(row).toBeVisible();
	await expect(row).toContainText('Agent');
	await expect(row).toContainText(/running for \d+ s/);
	await row.getByRole('button', { name: 'Stop' }).click();

	await expect(processes).toContainText('Nothing runs.');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('The watcher was stopped from the Processes panel.')).toBeVisible();
	const cards = chat.getByRole('group', { name: 'bash' });
	await expect(cards).toHaveCount(2);
	// The background start was refused with the reason; the stopped command says who stopped it.
	await cards.nth(0).getByText('Output', { exact: true }).click();
	await expect(cards.nth(0)).toContainText('cannot run background processes or servers');
	await cards.nth(1).getByText('Output', { exact: true }).click();
	await expect(cards.nth(1)).toContainText('stopped by the person from the Processes panel');
});

test('a person starting a background command on the offline runtime is told why it cannot run', async ({
	page
}) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const processes = page.getByRole('region', { name: 'Processes' });
	const field = processes.getByRole('textbox', { name: 'Command to run in the background' });
	await field.fill('npm run dev');
	await processes.getByRole('button', { name: 'Start' }).click();
	await expect(processes.getByRole('alert')).toContainText(
		"the preview pane already serves the project's files"
	);
	// What was typed is kept.
	await expect(field).toHaveValue('npm run dev');
	await expect(processes).toContainText('Nothing runs.');
});
