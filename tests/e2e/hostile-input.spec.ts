/**
 * Bad input in the real page (`npm run test:bad-input` runs these through the @bad-input tag):
 * corrupted IndexedDB records, hostile markdown from the model, hostile file names and 1 MB
 * pastes. Each test records what it observed as one row of the suite's table.
 */
import type { Page } from '@playwright/test';
import { recordE2eRow } from '../suite-table/row';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

/** Writes records straight into one of Kiln's databases, as a broken browser or extension might. */
async function writeRecords(
	page: Page,
	database: string,
	store: string,
	records: [IDBValidKey, unknown][]
) {
	await page.evaluate(
		async ({ database, store, records }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction(store, 'readwrite');
			for (const [key, value] of records as [IDBValidKey, unknown][]) {
				tx.objectStore(store).put(value, key);
			}
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ database, store, records: records as unknown }
	);
}

/** The keys of a store, read through the page's IndexedDB. */
async function storeKeys(page: Page, database: string, store: string): Promise<IDBValidKey[]> {
	return page.evaluate(
		async ({ database, store }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAllKeys();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			db.close();
			return keys;
		},
		{ database, store }
	);
}

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
	await expect(page.getByRole('link', { name: /Good project/ })).toBeVisible();
	const listNotice = (await notice.innerText()).replace(/\s+/g, ' ');
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
	await expect(notice).toContainText('1 saved setting could not be read');
	const projectNotice = (await notice.innerText()).replace(/\s+/g, ' ');

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

const HOSTILE_MARKDOWN = (leak: string) =>
	[
		'Here is the result.',
		'',
		'<div style="position:fixed;inset:0;z-index:2147483647;background:red" class="overlay" id="cover">COVERED</div>',
		'',
		`<p style="background-image:url(${leak}/bg?k=1)">styled paragraph</p>`,
		'',
		`[javascript link](javascript:fetch('${leak}/js')) and <a href="javascript:alert(1)">raw js link</a>`,
		'',
		`<script>fetch('${leak}/script')</script><iframe src="${leak}/iframe"></iframe>`,
		`<svg><image href="${leak}/svg"/></svg><img src="${leak}/img" onerror="fetch('${leak}/onerror')">`,
		`![picture](${leak}/markdown-image)`,
		'',
		'| a | b |',
		'|---|---|',
		...Array.from({ length: 1000 }, (_, i) => `| row ${i} ${'wide '.repeat(40)} | ${i} |`)
	].join('\n');

test('@bad-input hostile markdown from the model: no overlay, no request, clipped to its message', async ({
	page,
	modelServer
}) => {
	const leak = `${modelServer.url}/leak`;
	modelServer.setScript({ turns: [{ text: HOSTILE_MARKDOWN(leak), chunkSize: 64 }] });
	const requested: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/leak')) requested.push(request.url());
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'show me');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('row 999')).toBeAttached();

	const check = async () => {
		const settings = page.getByRole('button', { name: 'Settings' });
		await expect(settings).toBeVisible();
		// What is on top at the Settings button and at the page's corners is the IDE, not the reply.
		const onTop = await page.evaluate(() => {
			const points = [
				[5, 5],
				[window.innerWidth - 5, 5],
				[5, window.innerHeight - 5],
				[window.innerWidth / 2, window.innerHeight / 2]
			];
			const settings = [...document.querySelectorAll('button')].find(
				(b) => b.getAttribute('aria-label') === 'Settings' || b.textContent?.trim() === 'Settings'
			)!;
			const box = settings.getBoundingClientRect();
			points.push([box.x + box.width / 2, box.y + box.height / 2]);
			return points.map(([x, y]) => {
				const element = document.elementFromPoint(x!, y!);
				return element?.closest('.markdown') !== null;
			});
		});
		expect(onTop.every((covered) => covered === false)).toBe(true);
		const reply = chat.locator('.markdown').last();
		const inside = await reply.evaluate((root) => ({
			styled: root.querySelectorAll('[style], [class], [id], script, iframe, svg, img, form, input')
				.length,
			jsLinks: [...root.querySelectorAll('a')].filter((a) =>
				(a.getAttribute('href') ?? '').toLowerCase().startsWith('javascript')
			).length,
			contain: getComputedStyle(root).contain
		}));
		expect(inside.styled).toBe(0);
		expect(inside.jsLinks).toBe(0);
		return inside;
	};
	const before = await check();
	await page.reload();
	await expect(chat.getByText('row 999')).toBeAttached();
	await check();
	// Clicking where the overlay would have been still reaches the IDE.
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
	await page.keyboard.press('Escape');
	expect(requested).toEqual([]);
	const imageLink = chat.getByRole('link', { name: 'picture' });
	await expect(imageLink).toHaveAttribute('rel', 'noopener noreferrer');

	recordE2eRow(test.info(), {
		input:
			'model reply: position:fixed overlay div, background-image:url(…) style, javascript: links, ' +
			'<script>, <iframe>, <svg><image>, <img onerror>, a markdown image, a 1000-row table of wide rows streamed in 64-character chunks; then reload',
		'what Kiln did':
			`rendered with ${before.styled} styled/scripted/framed elements and ${before.jsLinks} javascript: links; ` +
			`the IDE stayed on top at the corners and the Settings button (it opened), before and after reload; ` +
			`requests to the hostile URL: ${requested.length}; the image shown as a link; reply box contain: ${before.contain}`
	});
});
