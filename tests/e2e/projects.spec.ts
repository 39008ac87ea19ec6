import { chromium, expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../../tooling/chromium';
import { createProject, projectWithTwoChats, runInTerminal } from './helpers';
import { storedProjectFiles } from './idb-pages';
import { stubShellWorker, test } from './model-server';

const projectList = (page: Page) => page.getByRole('list', { name: 'Projects' });
const row = (page: Page, name: string) =>
	projectList(page).getByRole('listitem', { name, exact: true });

async function projectIdOf(page: Page, name: string): Promise<string> {
	const href = await row(page, name).getByRole('link', { name, exact: true }).getAttribute('href');
	return href!.match(/\/project\/([\w-]+)/)![1]!;
}

async function names(page: Page): Promise<string[]> {
	return projectList(page).getByRole('link').allTextContents();
}

test('a project is renamed, duplicated with identical files, and deleted after a confirmation', async ({
	page
}) => {
	await createProject(page, 'Static site', { name: 'Alpha', query: '?runtime=browser' });
	await runInTerminal(page, 'mkdir -p notes/empty && echo kept > notes/a.txt');
	await expect(page.getByRole('tree', { name: 'Files' })).toContainText('notes');
	await page.getByRole('link', { name: 'All projects' }).click();

	// Rename: Escape cancels, an empty name is refused, Enter saves.
	await row(page, 'Alpha').getByRole('button', { name: 'Rename Alpha' }).click();
	const field = page.getByRole('textbox', { name: 'New name for Alpha' });
	await expect(field).toBeFocused();
	await field.fill('Gamma');
	await field.press('Escape');
	await expect(field).toBeHidden();
	expect(await names(page)).toEqual(['Alpha']);
	await row(page, 'Alpha').getByRole('button', { name: 'Rename Alpha' }).click();
	await field.fill('   ');
	await field.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: 'Type a name' })).toBeVisible();
	await field.fill('Beta');
	await field.press('Enter');
	await expect(projectList(page).getByRole('link', { name: 'Beta' })).toBeVisible();
	await page.reload();
	await expect.poll(() => names(page)).toEqual(['Beta']);

	// Duplicate: a new project with the same files and folders, first in the list.
	await row(page, 'Beta').getByRole('button', { name: 'Duplicate Beta' }).click();
	await expect(projectList(page).getByRole('link', { name: 'Beta copy' })).toBeVisible();
	expect(await names(page)).toEqual(['Beta copy', 'Beta']);
	const originalId = await projectIdOf(page, 'Beta');
	const copyId = await projectIdOf(page, 'Beta copy');
	const original = await storedProjectFiles(page, originalId);
	expect(original.files['notes/a.txt']).toEqual(Array.from(new TextEncoder().encode('kept\n')));
	expect(original.dirs).toContain('notes/empty');
	expect(await storedProjectFiles(page, copyId)).toEqual(original);
	await expect(row(page, 'Beta copy')).toContainText('Static site');

	// Delete: the dialog focuses Cancel, so Enter would keep the project.
	await row(page, 'Beta copy').getByRole('button', { name: 'Delete Beta copy' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete project' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(dialog).toBeHidden();
	expect(await names(page)).toEqual(['Beta copy', 'Beta']);
	await row(page, 'Beta copy').getByRole('button', { name: 'Delete Beta copy' }).click();
	await dialog.getByRole('button', { name: 'Delete' }).click();
	await expect(projectList(page).getByRole('link', { name: 'Beta copy' })).toHaveCount(0);
	expect(await storedProjectFiles(page, copyId)).toEqual({ files: {}, dirs: [] });
	expect(await storedProjectFiles(page, originalId)).toEqual(original);
});

test('the list is sorted by last opened and shows each project’s template and size', async ({
	page
}) => {
	await createProject(page, 'Blank', { name: 'Older', query: '?runtime=browser' });
	await createProject(page, 'Static site', { name: 'Newer', query: '?runtime=browser' });
	await page.goto('/?runtime=browser');
	await expect.poll(() => names(page)).toEqual(['Newer', 'Older']);
	await expect(row(page, 'Older')).toContainText('Blank');
	await expect(row(page, 'Newer')).toContainText('Static site');
	await expect(row(page, 'Newer')).toContainText(/\d+(\.\d)? (bytes|KB)/);

	await projectList(page).getByRole('link', { name: 'Older' }).click();
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	await page.getByRole('link', { name: 'All projects' }).click();
	await expect.poll(() => names(page)).toEqual(['Older', 'Newer']);

	// The storage status, on the list and in the IDE.
	const storage = page.getByRole('region', { name: 'Storage' });
	await expect(storage).toContainText(/Storage: .+ of .+ used/);
	await expect(storage).toContainText(/persistent|persistence unknown/);
	await projectList(page).getByRole('link', { name: 'Newer' }).click();
	await expect(page.getByRole('region', { name: 'Storage' })).toContainText(/Storage: .+ used/);
});

test('chats are renamed and deleted from Sessions; deleting the open one opens the next', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'First answer.' }, { text: 'Second answer.' }] });
	const chat = await projectWithTwoChats(page, modelServer.url);

	await chat.getByRole('button', { name: 'Sessions' }).click();
	const sessions = page.getByRole('dialog', { name: 'Sessions' });
	const first = sessions.getByRole('listitem', { name: 'First question' });
	await first.getByRole('button', { name: 'Rename' }).click();
	const field = sessions.getByRole('textbox', { name: 'New name for First question' });
	await field.fill('Not this');
	// Escape cancels the rename and leaves the dialog open.
	await field.press('Escape');
	await expect(field).toBeHidden();
	await expect(sessions).toBeVisible();
	await first.getByRole('button', { name: 'Rename' }).click();
	await field.fill('Greeting chat');
	await field.press('Enter');
	await expect(sessions.getByRole('button', { name: /^Greeting chat/ })).toBeVisible();

	// The open chat ("Second question") is deleted: the next one opens.
	await sessions
		.getByRole('listitem', { name: 'Second question' })
		.getByRole('button', { name: 'Delete' })
		.click();
	const confirm = page.getByRole('dialog', { name: 'Delete chat' });
	await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await confirm.getByRole('button', { name: 'Delete' }).click();
	await expect(sessions.getByRole('button', { name: /Second question/ })).toHaveCount(0);
	await expect(chat.getByText('First answer.')).toBeVisible();
	await expect(chat.getByText('Second answer.')).toHaveCount(0);

	await page.reload();
	await page
		.getByRole('region', { name: 'Chat' })
		.getByRole('button', { name: 'Sessions' })
		.click();
	await expect(sessions.getByRole('button', { name: /^Greeting chat/ })).toBeVisible();
	await expect(sessions.getByRole('listitem')).toHaveCount(1);
});

/**
 * A real full disk: Chromium's quota is lowered through CDP (Storage.overrideQuotaForOrigin), which
 * takes effect only in a profile on disk, not in Playwright's default incognito context.
 */
test('a write the full storage refuses is shown, retried and saved, never dropped', async ({
	baseURL
}) => {
	test.setTimeout(120_000);
	const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kiln-')), {
		...chromiumLaunchOptions(),
		baseURL,
		viewport: { width: 1440, height: 900 }
	});
	try {
		// The real app-shell worker would copy the build into this tiny quota too.
		await stubShellWorker(context);
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		const origin = new URL(baseURL!).origin;
		// A small disk from the start (an override made after the databases opened is not seen).
		await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 250_000 });
		await createProject(page, 'Blank', { name: 'Full disk', query: '?runtime=browser' });
		// Random text, pasted and saved: IndexedDB compresses values, so only this fills a disk.
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'README.md' })
			.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+End');
		await page.keyboard.insertText(
			`\n${randomBytes(225_000).toString('base64')}\nSAVED-AFTER-RETRY\n`
		);
		await page.keyboard.press('ControlOrMeta+s');
		const notice = page.getByRole('alert', { name: 'Changes not saved' });
		await expect(notice).toBeVisible();
		await expect(notice).toContainText(/not saved yet: the browser's storage is full/);
		await expect(notice).toContainText('Free space');

		// Closing the tab now asks first.
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.type());
			void dialog.dismiss();
		});
		// close() waits for a close the dismissed dialog cancels, so it is not awaited.
		void page.close({ runBeforeUnload: true }).catch(() => {});
		await expect.poll(() => dialogs).toContain('beforeunload');
		expect(page.isClosed()).toBe(false);

		// Space comes back: "Retry now" stores it, and it is there after a reload.
		await cdp.send('Storage.overrideQuotaForOrigin', { origin });
		await notice.getByRole('button', { name: 'Retry now' }).click();
		await expect(notice).toBeHidden();
		await page.reload();
		await runInTerminal(page, "grep -c SAVED-AFTER-RETRY README.md | sed 's/^/count=/'");
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('count=1');
	} finally {
		await context.close();
	}
});
