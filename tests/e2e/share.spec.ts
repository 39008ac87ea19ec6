import type { Browser, Page } from '@playwright/test';
import { configure, createProject, send } from './helpers';
import { storedProjectFiles } from './idb-pages';
import { expect, test } from './model-server';

/** Puts files (and empty folders) into a project's storage, then reloads so the IDE reads them. */
async function addStoredFiles(
	page: Page,
	files: Record<string, number[]>,
	dirs: string[] = []
): Promise<string> {
	const projectId = projectIdOf(page.url());
	await page.evaluate(
		async ({ id, files, dirs }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('kiln-project-files');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction('files', 'readwrite');
			for (const [path, bytes] of Object.entries(files)) {
				tx.objectStore('files').put({ data: new Uint8Array(bytes), mtimeMs: 1 }, [id, path]);
			}
			for (const dir of dirs) tx.objectStore('files').put({ dir: true, mtimeMs: 1 }, [id, dir]);
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ id: projectId, files, dirs }
	);
	await page.reload();
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	return projectId;
}

function projectIdOf(url: string): string {
	const match = /\/project\/([^/?#]+)/.exec(url);
	if (!match) throw new Error(`Not a project page: ${url}`);
	return decodeURIComponent(match[1]!);
}

/** Opens Share and returns the link once it is made. */
async function shareLink(page: Page, { conversation = false } = {}) {
	await page.getByRole('button', { name: 'Share' }).click();
	const dialog = page.getByRole('dialog', { name: 'Share' });
	await expect(dialog).toBeVisible();
	const box = dialog.getByRole('textbox', { name: 'Link' });
	await expect(box).toHaveValue(/\/open#v1\.\d+\./);
	if (conversation) {
		const before = await box.inputValue();
		await dialog.getByRole('checkbox', { name: 'Include the conversation' }).check();
		await expect(box).not.toHaveValue(before);
		await expect(box).toHaveValue(/\/open#v1\.\d+\./);
	}
	return { dialog, link: await box.inputValue() };
}

/** Opens the link where nothing of the sender's exists: a fresh context has an empty IndexedDB. */
async function openInFreshBrowser(browser: Browser, link: string) {
	const context = await browser.newContext();
	const sent: string[] = [];
	context.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
	const page = await context.newPage();
	await page.goto(link);
	return { context, page, sent };
}

// Every byte value, a unicode path, an empty file and an empty folder.
const extraFiles = {
	'assets/all-bytes.bin': Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256),
	'docs/日本語/ünï cødé ✓.md': Array.from(new TextEncoder().encode('# 見出し 🎉\n')),
	'empty.txt': []
};

test('a share link carries the files byte for byte to a browser that has never seen them', async ({
	page,
	browser
}) => {
	await createProject(page, 'Static site', { name: 'Shared ✓ site', query: '?runtime=browser' });
	const sourceId = await addStoredFiles(page, extraFiles, ['empty-folder']);
	const source = await storedProjectFiles(page, sourceId);
	expect(Object.keys(source.files)).toContain('assets/all-bytes.bin');

	const { dialog, link } = await shareLink(page);
	await expect(dialog).toContainText(
		/Size: [\d,]+ characters \([\d.]+ KB\)\. (Short enough|Fits in)/
	);
	expect(new URL(link).origin).toBe(new URL(page.url()).origin);

	// Copy: the clipboard is granted here, so the link lands in it and the dialog says so.
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await dialog.getByRole('button', { name: 'Copy' }).click();
	await expect(dialog.getByText('Copied')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

	const { context, page: fresh, sent } = await openInFreshBrowser(browser, link);
	await expect(fresh.getByRole('heading', { name: 'Shared project: Shared ✓ site' })).toBeVisible();
	const holds = fresh.getByRole('region', { name: 'What this link holds' });
	const count = Object.keys(source.files).length;
	await expect(holds).toContainText(`${count} files`);
	await expect(holds).toContainText('1 empty folder');
	await expect(holds).toContainText('No conversation is included.');
	await expect(holds.getByRole('list', { name: 'Files' })).toContainText(
		'docs/日本語/ünï cødé ✓.md'
	);
	await expect(holds.getByRole('list', { name: 'Files' })).toContainText('512 B');
	// The project was read: its fragment is gone from the address bar and this history entry.
	expect(new URL(fresh.url()).hash).toBe('');

	await fresh.getByRole('button', { name: 'Open as new project' }).click();
	await expect(fresh).toHaveURL(/\/project\/[\w-]+/);
	await expect(fresh.getByRole('tree', { name: 'Files' })).toBeVisible();
	const copy = await storedProjectFiles(fresh, projectIdOf(fresh.url()));
	// Nothing of the project left the browser: no request carries any part of the fragment.
	const payload = link.slice(link.lastIndexOf('.') + 1);
	expect(sent.length).toBeGreaterThan(0);
	for (const request of sent) expect(request).not.toContain(payload.slice(0, 32));
	expect(copy.files).toEqual(source.files);
	expect(copy.dirs).toContain('empty-folder');
	await context.close();
});

test('"Include the conversation" carries the chat with the files', async ({
	page,
	browser,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'Hello from the scripted model, in the link.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Say hello for the share test');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('Hello from the scripted model, in the link.')).toBeVisible();

	const { link: withoutChat } = await shareLink(page);
	await page.getByRole('dialog', { name: 'Share' }).getByRole('button', { name: 'Close' }).click();
	const { link } = await shareLink(page, { conversation: true });
	expect(link.length).toBeGreaterThan(withoutChat.length);

	const { context, page: fresh } = await openInFreshBrowser(browser, link);
	const holds = fresh.getByRole('region', { name: 'What this link holds' });
	await expect(holds).toContainText('Includes the conversation “Say hello for the share test”');
	await fresh.getByRole('button', { name: 'Open as new project' }).click();
	await expect(fresh).toHaveURL(/\/project\/[\w-]+/);
	const freshChat = fresh.getByRole('region', { name: 'Chat' });
	await expect(freshChat.getByText('Hello from the scripted model, in the link.')).toBeVisible();
	await expect(freshChat.getByText('Say hello for the share test')).toBeVisible();
	await context.close();
});

test('a malformed, a truncated and an empty link each say what happened and what to do', async ({
	page
}) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const { link } = await shareLink(page);

	await page.goto(link.slice(0, Math.floor(link.length * 0.6)));
	await expect(page.getByRole('heading', { name: 'This link cannot be opened' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('This link is incomplete');
	await expect(page.getByRole('alert')).toContainText('Ask the sender for the whole link');

	const hashAt = link.indexOf('#');
	const damaged =
		link.slice(0, hashAt + 40) + (link[hashAt + 40] === 'A' ? 'B' : 'A') + link.slice(hashAt + 41);
	await page.goto('about:blank');
	await page.goto(damaged);
	await expect(page.getByRole('alert')).toContainText('This link is damaged');
	await expect(page.getByRole('alert')).toContainText('exported zip');

	await page.goto('about:blank');
	await page.goto('/open#not-a-kiln-link');
	await expect(page.getByRole('alert')).toContainText('not a Kiln share link');

	await page.goto('about:blank');
	await page.goto('/open');
	await expect(page.getByRole('heading', { name: 'Open a shared project' })).toBeVisible();
	await expect(page.getByText('A share link carries a whole Kiln project')).toBeVisible();
});

/** Bytes that do not compress (xorshift), so a link's size follows the project's. */
function noise(length: number, seed: number): number[] {
	return Array.from({ length }, () => {
		seed ^= seed << 13;
		seed ^= seed >>> 17;
		seed ^= seed << 5;
		return seed & 0xff;
	});
}

test('past what chat apps keep, and past what browsers open, Share says so and offers Export', async ({
	page
}) => {
	await createProject(page, 'Blank', { name: 'Big one', query: '?runtime=browser' });
	// 40 KB: the link grows past the 28,000 characters Teams keeps, but browsers still open it.
	await addStoredFiles(page, { 'noise.bin': noise(40_000, 0x9e3779b9) });
	const { dialog, link } = await shareLink(page);
	expect(link.length).toBeGreaterThan(28_000);
	await expect(dialog).toContainText('Chat apps may cut a link this long');
	await dialog.getByRole('button', { name: 'Export' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog', { name: 'Export' })).toBeHidden();

	// 800 KB more: over a million characters, which Firefox refuses. No link is offered at all.
	await addStoredFiles(page, { 'more-noise.bin': noise(800_000, 0x12345678) });
	await page.getByRole('button', { name: 'Share' }).click();
	const big = page.getByRole('dialog', { name: 'Share' });
	await expect(big).toContainText('too big for a link', { timeout: 30_000 });
	await expect(big).toContainText(/Size: [\d,]{9,} characters \([\d.]+ MB\)/);
	await expect(big.getByRole('textbox', { name: 'Link' })).toHaveValue('');
	await expect(big.getByRole('button', { name: 'Copy' })).toBeDisabled();
	await expect(big.getByRole('button', { name: 'Export' })).toBeVisible();
});
