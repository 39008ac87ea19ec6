import type { Page } from '@playwright/test';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

/** The project's files as stored in IndexedDB (what a reload would open): path → text. */
function storedFiles(page: Page, projectId: string): Promise<Record<string, string>> {
	return page.evaluate(async (projectId) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('kiln-project-files');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const range = IDBKeyRange.bound([projectId], [projectId, []]);
		const store = db.transaction('files').objectStore('files');
		const [keys, values] = (await Promise.all(
			[store.getAllKeys(range), store.getAll(range)].map(
				(request) =>
					new Promise<unknown[]>((resolve, reject) => {
						request.onsuccess = () => resolve(request.result as unknown[]);
						request.onerror = () => reject(request.error);
					})
			)
		)) as [unknown[], unknown[]];
		db.close();
		const files: Record<string, string> = {};
		keys.forEach((key, index) => {
			const value = values[index] as { data?: unknown; dir?: boolean };
			if (value.dir) return;
			files[(key as [string, string])[1]] =
				typeof value.data === 'string'
					? value.data
					: new TextDecoder().decode(value.data as Uint8Array);
		});
		return files;
	}, projectId);
}

const turnOne = [
	{ toolCalls: [{ name: 'write', input: { path: 'notes.txt', content: 'v1\n' } }] },
	{ text: 'First done.' }
];
const turnTwo = [
	{
		toolCalls: [{ name: 'edit', input: { path: 'notes.txt', old_string: 'v1', new_string: 'v2' } }]
	},
	{ toolCalls: [{ name: 'write', input: { path: 'src/extra.txt', content: 'extra\n' } }] },
	{ toolCalls: [{ name: 'bash', input: { command: 'echo made > by-bash.txt && rm README.md' } }] },
	{ text: 'Second done.' }
];

/** Two turns: the first writes notes.txt, the second edits it, adds a file and runs bash. */
async function twoTurns(page: Page, modelServer: { url: string }) {
	const url = await createProject(page, 'Blank', { query: '?runtime=browser' });
	const projectId = new URL(url).pathname.split('/').pop()!;
	await configure(page, 'Anthropic', modelServer.url);
	const chat = page.getByRole('region', { name: 'Chat' });
	const initial = await storedFiles(page, projectId);
	await send(page, 'First');
	await expect(chat.getByText('First done.')).toBeVisible();
	await expect
		.poll(() => storedFiles(page, projectId))
		.toEqual({ ...initial, 'notes.txt': 'v1\n' });
	const afterOne = await storedFiles(page, projectId);
	await send(page, 'Second');
	await expect(chat.getByText('Second done.')).toBeVisible();
	const { 'README.md': _readme, ...kept } = afterOne;
	const afterTwo = {
		...kept,
		'notes.txt': 'v2\n',
		'src/extra.txt': 'extra\n',
		'by-bash.txt': 'made\n'
	};
	await expect.poll(() => storedFiles(page, projectId)).toEqual(afterTwo);
	return { projectId, chat, afterOne, afterTwo };
}

test('Rewind → Files and conversation restores the files and messages; Undo rewind brings them back', async ({
	page,
	modelServer
}) => {
	test.setTimeout(90_000);
	modelServer.setScript({ turns: [...turnOne, ...turnTwo] });
	const { projectId, chat, afterOne, afterTwo } = await twoTurns(page, modelServer);

	await chat
		.getByRole('article', { name: 'Turn 2' })
		.getByRole('button', { name: 'Rewind' })
		.click();
	const dialog = page.getByRole('dialog', { name: 'Rewind' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Files and conversation' }).click();
	await expect(dialog).toBeHidden();

	// Exactly the files before message 2 (the bash-made file gone, README back) and its messages.
	await expect.poll(() => storedFiles(page, projectId)).toEqual(afterOne);
	await expect(chat.getByText('First done.')).toBeVisible();
	await expect(chat.getByText('Second done.')).toHaveCount(0);
	await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue('Second');
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'by-bash.txt' })).toHaveCount(0);
	await expect(tree.getByRole('treeitem', { name: 'README.md' })).toBeVisible();

	// The later conversation is a chat of its own in Sessions.
	await chat.getByRole('button', { name: 'Sessions' }).click();
	const sessions = page.getByRole('dialog', { name: 'Sessions' });
	await expect(sessions.getByRole('button', { name: /^First \(before rewind\)/ })).toBeVisible();
	await expect(sessions.getByRole('button', { name: /^First .*open now/ })).toBeVisible();
	await sessions.getByRole('button', { name: 'Close' }).click();

	await chat.getByRole('button', { name: 'Undo rewind' }).click();
	await expect.poll(() => storedFiles(page, projectId)).toEqual(afterTwo);
	await expect(chat.getByText('Second done.')).toBeVisible();
	await expect(
		chat.getByRole('status').filter({ hasText: 'The rewind was undone.' })
	).toBeVisible();

	// A reload opens the conversation as it was before the rewind.
	await page.reload();
	await expect(page.getByRole('region', { name: 'Chat' }).getByText('Second done.')).toBeVisible();
});

test('Conversation only, Files only and /rewind each take back only what they say', async ({
	page,
	modelServer
}) => {
	test.setTimeout(90_000);
	modelServer.setScript({ turns: [...turnOne, ...turnTwo] });
	const { projectId, chat, afterOne, afterTwo } = await twoTurns(page, modelServer);
	const dialog = page.getByRole('dialog', { name: 'Rewind' });

	// /rewind: the last message. Conversation only: the files stay as they are.
	await send(page, '/rewind');
	await expect(dialog).toContainText('before message 2');
	await dialog.getByRole('button', { name: 'Conversation only' }).click();
	await expect(chat.getByText('Second done.')).toHaveCount(0);
	await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue('Second');
	expect(await storedFiles(page, projectId)).toEqual(afterTwo);
	await chat.getByRole('button', { name: 'Undo rewind' }).click();
	await expect(chat.getByText('Second done.')).toBeVisible();

	// Files only: the conversation stays as it is, and unsaved editor text is kept.
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'notes.txt' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await editor.locator('.cm-content').click();
	await page.keyboard.press('ControlOrMeta+Home');
	await page.keyboard.type('unsaved ');
	await expect(editor.getByRole('tab', { name: 'notes.txt' })).toContainText('●');
	await send(page, '/rewind 2');
	await dialog.getByRole('button', { name: 'Files only' }).click();
	await expect.poll(() => storedFiles(page, projectId)).toEqual(afterOne);
	await expect(chat.getByText('Second done.')).toBeVisible();
	await expect(editor.locator('.cm-content')).toContainText('unsaved v2');
	await expect(editor.getByRole('alert')).toContainText(
		'changed on disk while you had unsaved changes'
	);
	await chat.getByRole('button', { name: 'Undo rewind' }).click();
	await expect.poll(() => storedFiles(page, projectId)).toEqual(afterTwo);

	// /rewind N for a message that does not exist says so.
	await send(page, '/rewind 7');
	await expect(chat.getByRole('status').filter({ hasText: 'There is no message 7' })).toBeVisible();
	await expect(dialog).toBeHidden();
});
