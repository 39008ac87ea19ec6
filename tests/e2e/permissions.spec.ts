import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

test('Ask mode: edits wait for Allow / Always allow / Deny, and Always allow becomes a rule in Settings', async ({
	page,
	modelServer
}) => {
	test.setTimeout(90_000);
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'notes.md', content: '# Notes\n' } }] },
			{ text: 'Understood: I did not write notes.md.' },
			{ toolCalls: [{ name: 'bash', input: { command: 'touch first.txt' } }] },
			{ toolCalls: [{ name: 'bash', input: { command: 'touch second.txt' } }] },
			{ text: 'Both files are there.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	const chat = page.getByRole('region', { name: 'Chat' });
	const mode = chat.getByRole('combobox', { name: 'Mode' });
	await expect(mode).toHaveValue('auto');
	await mode.selectOption('Ask');

	// The write waits with the three buttons; nothing is written meanwhile.
	await send(page, 'Add a notes file');
	const prompt = chat.getByRole('group', { name: 'Permission needed' });
	await expect(prompt).toContainText('The agent wants to write this file: notes.md');
	await expect(prompt.getByRole('button', { name: 'Allow', exact: true })).toBeVisible();
	await expect(prompt.getByRole('button', { name: 'Always allow' })).toBeVisible();
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toHaveCount(0);

	// Deny: the model hears it and answers; the turn goes on to its end.
	await prompt.getByRole('button', { name: 'Deny' }).click();
	await expect(chat.getByText('Understood: I did not write notes.md.')).toBeVisible();
	await expect(prompt).toHaveCount(0);
	const afterDeny = modelServer.requests().filter((request) => request.format === 'anthropic');
	expect(JSON.stringify(afterDeny.at(-1)?.body)).toContain(
		'The person denied this write call (notes.md)'
	);
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toHaveCount(0);

	// Always allow: this command runs, and the next one with the same prefix does not ask.
	await send(page, 'Make two files');
	await expect(prompt).toContainText('The agent wants to run this command: touch first.txt');
	await expect(prompt).toContainText('bash(touch *)');
	await prompt.getByRole('button', { name: 'Always allow' }).click();
	await expect(chat.getByText('Both files are there.')).toBeVisible();
	await expect(prompt).toHaveCount(0);
	await expect(tree.getByRole('treeitem', { name: 'first.txt' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'second.txt' })).toBeVisible();

	// The rule is kept with the project and shown in Settings.
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	const rules = dialog.getByRole('list', { name: 'Permission rules' });
	await expect(rules.getByRole('listitem')).toHaveText([/Allow\s*bash\(touch \*\)/]);
	await page.reload();
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(
		page.getByRole('dialog', { name: 'Settings' }).getByRole('list', { name: 'Permission rules' })
	).toContainText('bash(touch *)');
	// The mode chosen for the session is kept too.
	await page.keyboard.press('Escape');
	await expect(
		page.getByRole('region', { name: 'Chat' }).getByRole('combobox', { name: 'Mode' })
	).toHaveValue('ask');
});

test('Stop while a prompt waits denies it, and the next message carries on from a consistent transcript', async ({
	page,
	modelServer
}) => {
	test.setTimeout(90_000);
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'bash', input: { command: 'touch stopped.txt' } }] },
			{ text: 'Picking up after the stop.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	const chat = page.getByRole('region', { name: 'Chat' });
	await chat.getByRole('combobox', { name: 'Mode' }).selectOption('Auto-edit');
	await send(page, 'Make a file');
	const prompt = chat.getByRole('group', { name: 'Permission needed' });
	await expect(prompt).toContainText('touch stopped.txt');
	await chat.getByRole('button', { name: 'Stop' }).click();
	await expect(prompt).toHaveCount(0);
	await expect(chat.getByRole('button', { name: 'Send' })).toBeVisible();
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'stopped.txt' })
	).toHaveCount(0);

	await send(page, 'Go on');
	await expect(chat.getByText('Picking up after the stop.')).toBeVisible();
	const last = modelServer
		.requests()
		.filter((request) => request.format === 'anthropic')
		.at(-1);
	expect(JSON.stringify(last?.body)).toContain('waited for their permission; it did not run');
});
