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

const HOSTILE_NAMES = {
	html: '<img src=x onerror=window.__pwned=1>.html',
	newline: 'a\nb.txt',
	rtl: 'invoice\u202Efdp.exe',
	long: `${'long-name-'.repeat(24)}end.txt`
};

test('@bad-input hostile file names in the tree, tabs, tool cards and preview address', async ({
	page,
	modelServer
}) => {
	const quoted = (name: string) => `'${name}'`;
	modelServer.setScript({
		turns: [
			{
				toolCalls: [
					{
						name: 'bash',
						input: {
							command: `touch ${[HOSTILE_NAMES.newline, HOSTILE_NAMES.rtl, HOSTILE_NAMES.long].map(quoted).join(' ')}`
						}
					},
					{
						name: 'write',
						input: { path: HOSTILE_NAMES.html, content: '<h1>hostile page</h1>\n' }
					},
					{ name: 'write', input: { path: '../outside.txt', content: 'x' } }
				]
			},
			{ toolCalls: [{ name: 'read', input: { path: HOSTILE_NAMES.rtl } }] },
			{ text: 'Files made.' }
		]
	});
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'make files');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('Files made.')).toBeVisible();

	const tree = page.getByRole('tree', { name: 'Files' });
	const htmlItem = tree.getByRole('treeitem', { name: HOSTILE_NAMES.html });
	await expect(htmlItem).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'a␊b.txt' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'invoice[U+202E]fdp.exe' })).toBeVisible();
	const longItem = tree.getByRole('treeitem', { name: HOSTILE_NAMES.long });
	await expect(longItem).toBeVisible();
	const treeText = await tree.innerText();
	expect(treeText).not.toMatch(/[\u202E]/);
	expect(await tree.locator('img').count()).toBe(0);
	// The long name is cut inside its row, not widening the tree.
	const treeBox = (await tree.boundingBox())!;
	const longBox = (await longItem.boundingBox())!;
	expect(longBox.x + longBox.width).toBeLessThanOrEqual(treeBox.x + treeBox.width + 1);

	// Tabs.
	await htmlItem.click();
	const tabs = page.getByRole('tablist', { name: 'Open files' });
	await expect(tabs.getByRole('tab', { name: HOSTILE_NAMES.html })).toBeVisible();
	await tree.getByRole('treeitem', { name: 'invoice[U+202E]fdp.exe' }).click();
	const rtlTab = tabs.getByRole('tab', { name: 'invoice[U+202E]fdp.exe' });
	await expect(rtlTab).toBeVisible();
	expect(await tabs.innerText()).not.toMatch(/[\u202E]/);

	// Tool cards: the bash command and the refused write.
	const bashCard = chat.getByRole('group', { name: 'bash' });
	expect(await bashCard.innerText()).not.toMatch(/[\u202E]/);
	const readCard = chat.getByRole('group', { name: 'read' });
	await expect(readCard).toContainText('invoice[U+202E]fdp.exe');
	const readSummary = (await readCard.innerText()).split('\n').slice(0, 2).join(' ');
	expect(readSummary).not.toMatch(/[\u202E]/);
	const writes = chat.getByRole('group', { name: 'write' });
	await expect(writes.nth(1)).toContainText('error');

	// The preview address: the hostile name is a path, never markup.
	const address = page.getByRole('textbox', { name: 'Preview address' });
	await address.fill(`/${HOSTILE_NAMES.html}`);
	await address.press('Enter');
	await expect(
		page.frameLocator('iframe').getByRole('heading', { name: 'hostile page' })
	).toBeVisible();
	const shownAddress = await address.inputValue();
	const pwned = await page.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null);
	expect(pwned).toBeNull();
	expect(await page.locator('img[src="x"]').count()).toBe(0);

	recordE2eRow(test.info(), {
		input:
			"bash touch 'a⏎b.txt' 'invoice<U+202E>fdp.exe' and a 243-character name; write " +
			`'${HOSTILE_NAMES.html}' and '../outside.txt'; open them; type the html name in the preview address`,
		'what Kiln did':
			`tree showed ${JSON.stringify(
				treeText
					.split('\n')
					.filter((line) => /a␊b|invoice|img|long-name/.test(line))
					.map((line) => (line.length > 50 ? line.slice(0, 47) + '…' : line))
			)}, ` +
			`no <img> element, long name cut inside the tree; tabs spell U+202E as [U+202E], the read card says “${readSummary}”; ` +
			`'../outside.txt' refused (“${(await writes.nth(1).innerText()).split('\n').slice(0, 2).join(' ')}”); ` +
			`preview address “${shownAddress}” showed the page; window.__pwned = ${pwned}`
	});
});

test('@bad-input a 1 MB paste into the chat input and into the editor', async ({
	page,
	context,
	modelServer
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	modelServer.setScript({ turns: [{ text: 'Got your long message.' }] });
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	const line = `${'0123456789'.repeat(9)}abcdefghi\n`;
	const big = line.repeat(10_240) + 'END-OF-PASTE';
	await page.evaluate((text) => navigator.clipboard.writeText(text), big);

	/** How long the page takes to paint the next frame: a frozen page takes seconds. */
	const frameDelay = () =>
		page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const started = performance.now();
					requestAnimationFrame(() => resolve(performance.now() - started));
				})
		);

	const chat = page.getByRole('region', { name: 'Chat' });
	const message = chat.getByRole('textbox', { name: 'Message' });
	await message.click();
	let started = Date.now();
	await page.keyboard.press('ControlOrMeta+V');
	await expect(message).toHaveValue(big);
	const chatPasteMs = Date.now() - started;
	const chatFrame = await frameDelay();
	started = Date.now();
	await message.press('Enter');
	await expect(chat.getByText('Got your long message.')).toBeVisible();
	const sendMs = Date.now() - started;
	const sent = JSON.stringify(modelServer.requests().find((r) => r.format !== null)?.body ?? '');
	expect(sent).toContain('END-OF-PASTE');
	expect(sent.split('abcdefghi').length - 1).toBe(10_240);

	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'index.html' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await editor.locator('.cm-content').click();
	await page.keyboard.press('ControlOrMeta+End');
	started = Date.now();
	await page.keyboard.press('ControlOrMeta+V');
	await expect(editor.getByText('END-OF-PASTE')).toBeVisible();
	const editorPasteMs = Date.now() - started;
	const editorFrame = await frameDelay();
	await page.keyboard.press('ControlOrMeta+S');
	// Saved in full: the stored file holds every pasted line.
	await expect
		.poll(async () =>
			page.evaluate(async () => {
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const request = indexedDB.open('kiln-project-files');
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				const all = await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction('files').objectStore('files').getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				db.close();
				const texts = all.map((entry) => (entry as { data?: unknown }).data);
				const saved = texts.find(
					(data) => typeof data === 'string' && data.includes('END-OF-PASTE')
				);
				return typeof saved === 'string' ? saved.split('abcdefghi').length - 1 : 0;
			})
		)
		.toBe(10_240);
	expect(chatFrame).toBeLessThan(1000);
	expect(editorFrame).toBeLessThan(1000);

	recordE2eRow(test.info(), {
		input: `a ${(big.length / 1_048_576).toFixed(2)} MB paste (10,240 lines) with Ctrl+V into the chat input, sent; then into index.html in the editor, saved`,
		'what Kiln did':
			`chat input held all ${big.length} characters after ${chatPasteMs} ms (next frame ${Math.round(chatFrame)} ms); ` +
			`sent in full to the model and answered in ${sendMs} ms; editor showed the end of the paste after ${editorPasteMs} ms ` +
			`(next frame ${Math.round(editorFrame)} ms) and saved all 10,240 lines`
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
	const frame = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const at = performance.now();
				requestAnimationFrame(() => resolve(performance.now() - at));
			})
	);
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
