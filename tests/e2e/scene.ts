import { expect, type Page } from '@playwright/test';
import type { MockModelServer } from '../../tooling/mock-model';
import { configure, createProject, send } from './helpers';

/**
 * One deterministic IDE for the accessibility and screenshot specs: a Static site project whose
 * chat holds a markdown answer with code, a read card, a write card and an edit card (each with a diff) and a
 * bash card, with index.html open in the editor. Every turn is scripted, so the page is the same
 * on every run.
 */
export async function ideWithChat(page: Page, modelServer: MockModelServer) {
	modelServer.setScript({
		turns: [
			{
				text: 'I will add a **notes** module and wire it in.',
				toolCalls: [
					{ name: 'read', input: { path: 'index.html' } },
					{
						name: 'write',
						input: {
							path: 'notes.js',
							content:
								'export const notes = [];\nexport function add(note) {\n\tnotes.push(note);\n}\n'
						}
					}
				]
			},
			{
				toolCalls: [
					{
						name: 'edit',
						input: {
							path: 'index.html',
							old_string: '<h1>Hello!</h1>',
							new_string: '<h1>Notes</h1>'
						}
					}
				]
			},
			{ toolCalls: [{ name: 'bash', input: { command: 'ls' } }] },
			{
				text: [
					'Done. The page is now called **Notes**:',
					'',
					'- `notes.js` keeps the list',
					'- `index.html` has the new title',
					'',
					'```js',
					"import { add } from './notes.js';",
					"add('Buy milk');",
					'```'
				].join('\n')
			}
		]
	});
	await createProject(page, 'Static site', { name: 'Notes app', query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Add a notes module');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('The page is now called')).toBeVisible();
	await expect(chat.getByRole('group', { name: 'bash' })).toContainText('done');
	await expect(chat.getByRole('group', { name: 'edit' })).toContainText('+1 −1 lines changed');
	return chat;
}

/** Opens a file from the tree and waits for its text in the editor. */
export async function openInEditor(page: Page, name: string, text: string) {
	await page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name }).click();
	await expect(page.getByRole('region', { name: 'Editor' }).locator('.cm-content')).toContainText(
		text
	);
}
