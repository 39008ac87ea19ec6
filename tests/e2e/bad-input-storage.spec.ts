/**
 * Bad stored data in the real page (`npm run test:bad-input` runs these through the @bad-input
 * tag): corrupted IndexedDB records, and files the editor cannot edit (50 MB, binary, invalid
 * UTF-8). Each test records what it observed as one row of the suite's table.
 */
import { recordE2eRow } from '../suite-table/row';
import { configure, createProject, send } from './helpers';
import { frameDelay, storeKeys, writeRecords } from './idb-pages';
import { expect, test } from './model-server';

test('@bad-input corrupted records of every kind: the rest opens, a notice says what was set aside', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [{ text: 'First answer.' }, { text: 'Second answer after the repair.' }]
	});
	const projectUrl = await createProject(page, 'Static site', {
		name: 'Good project',
		query: '?runtime=browser'
	});
	const projectId = new URL(projectUrl).pathname.split('/').pop()!;
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'hello');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('First answer.')).toBeVisible();

	const [sessionKey] = await storeKeys(page, 'kiln-sessions', 'sessions');
	const eventKeys = (await storeKeys(page, 'kiln-session-events', 'events')) as [string, number][];
	const stepKey = eventKeys.find(([, seq]) => seq === eventKeys.length - 2)!;
	await writeRecords(page, 'kiln-projects', 'projects', [
		['broken-project', { id: 'broken-project', name: 42 }]
	]);
	await writeRecords(page, 'kiln-project-files', 'files', [
		[[projectId, 'broken.txt'], { data: 7, mtimeMs: 1 }]
	]);
	await writeRecords(page, 'kiln-sessions', 'sessions', [
		['broken-chat', { id: 'broken-chat', projectId }]
	]);
	await writeRecords(page, 'kiln-session-events', 'events', [
		[stepKey, { type: 'assistant-step', message: 'not a message' }]
	]);
	await writeRecords(page, 'kiln-settings', 'settings', [['model-config', 'garbage']]);
	expect(sessionKey).toBeTruthy();

	// The project list: the good project is there, the broken one is set aside with a notice.
	await page.goto('/?runtime=browser');
	const notice = page.getByRole('alert', { name: 'Saved data set aside' });
	await expect(notice).toContainText('1 project could not be read and was set aside');
	// The list's "Connect a model" card reads the settings, so the broken one is set aside here.
	await expect(notice).toContainText('1 saved setting could not be read');
	await expect(page.getByRole('link', { name: /Good project/ })).toBeVisible();
	const noticeText = async () =>
		(await notice.getByRole('paragraph').allInnerTexts()).join(' ').replace(/\s+/g, ' ');
	const listNotice = await noticeText();
	await notice.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notice).toBeHidden();

	// The project: its files open without the broken one, the chat without the broken step.
	await page.goto(projectUrl);
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'index.html' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'broken.txt' })).toHaveCount(0);
	await expect(chat.getByText('hello', { exact: true })).toBeVisible();
	await expect(chat.getByText('First answer.')).toHaveCount(0);
	await expect(notice).toContainText('1 file could not be read');
	await expect(notice).toContainText('could not be read and was skipped');
	const projectNotice = await noticeText();

	// Nothing was destroyed: every bad record is in the quarantine store.
	const quarantined = await storeKeys(page, 'kiln-quarantine', 'records');
	expect(quarantined.length).toBeGreaterThanOrEqual(5);

	// The chat goes on: settings again (they were set aside), and the next turn is answered.
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'again');
	await expect(chat.getByText('Second answer after the repair.')).toBeVisible();
	await page.reload();
	await expect(chat.getByText('Second answer after the repair.')).toBeVisible();

	recordE2eRow(test.info(), {
		input:
			'in the page’s IndexedDB: project {name: 42}, file {data: 7}, chat meta without fields, ' +
			"a chat step {message: 'not a message'}, setting model-config = 'garbage'; then reload",
		'what Kiln did':
			`project list showed “Good project” and: “${listNotice}”; the project opened without ` +
			`broken.txt and without the broken step, and said: “${projectNotice}”; ` +
			`${quarantined.length} records kept in kiln-quarantine; the next message was answered and survived a reload`
	});
});

test('@bad-input a 50 MB file, a binary file and invalid UTF-8 in the editor', async ({ page }) => {
	const projectUrl = await createProject(page, 'Blank', { query: '?runtime=browser' });
	const projectId = new URL(projectUrl).pathname.split('/').pop()!;
	// Written where the project's files are kept, as an import or a command would have left them.
	await page.evaluate(async (projectId) => {
		const encoder = new TextEncoder();
		const late = new Uint8Array([
			...encoder.encode('a'.repeat(9000) + '\nkeep me\n'),
			0xff,
			...encoder.encode('\nend\n')
		]);
		const records: [IDBValidKey, unknown][] = [
			[[projectId, 'big.log'], { data: `${'x'.repeat(99)}\n`.repeat(500_000), mtimeMs: 1 }],
			[
				[projectId, 'logo.png'],
				{ data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), mtimeMs: 1 }
			],
			[[projectId, 'late.txt'], { data: late, mtimeMs: 1 }]
		];
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('kiln-project-files');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const tx = db.transaction('files', 'readwrite');
		for (const [key, value] of records) tx.objectStore('files').put(value, key);
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, projectId);
	let started = Date.now();
	await page.reload();
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'big.log' })).toBeVisible({ timeout: 60_000 });
	const openMs = Date.now() - started;
	const editor = page.getByRole('region', { name: 'Editor' });

	started = Date.now();
	await tree.getByRole('treeitem', { name: 'big.log' }).click();
	const bigNotice = editor.getByRole('status').filter({ hasText: 'read-only' });
	await expect(bigNotice).toBeVisible({ timeout: 60_000 });
	const bigMs = Date.now() - started;
	const bigText = await bigNotice.innerText();
	const frame = await frameDelay(page);
	expect(frame).toBeLessThan(1000);

	await tree.getByRole('treeitem', { name: 'logo.png' }).click();
	const binary = editor.getByText(/Binary file/);
	await expect(binary).toBeVisible();
	const binaryText = await binary.innerText();

	await tree.getByRole('treeitem', { name: 'late.txt' }).click();
	const lateNotice = editor.getByRole('status').filter({ hasText: 'not valid UTF-8' });
	await expect(lateNotice).toBeVisible();
	const lateText = (await lateNotice.innerText()).replace(/\s+/g, ' ');
	await expect(editor.locator('.cm-content')).toHaveAttribute('aria-readonly', 'true');

	recordE2eRow(test.info(), {
		input:
			'stored files big.log (50 MB text), logo.png (NUL bytes), late.txt (0xFF after 9 KB); reload and open each',
		'what Kiln did':
			`project opened in ${openMs} ms; big.log opened in ${bigMs} ms with “${bigText.trim()}” (next frame ${Math.round(frame)} ms); ` +
			`logo.png: “${binaryText.trim()}”; late.txt: “${lateText.trim()}”`
	});
});
