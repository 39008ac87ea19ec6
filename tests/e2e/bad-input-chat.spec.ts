/**
 * Hostile markdown from the model and 1 MB pastes, in the real page (@bad-input rows).
 */
import { recordE2eRow } from '../suite-table/row';
import { configure, createProject, send } from './helpers';
import { frameDelay, watchFrames } from './idb-pages';
import { expect, test } from './model-server';

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
	// The last row as a table cell: the reply rendered as Markdown, not the plain paragraph (with
	// Kiln's own class) shown until the Markdown code has loaded, which the check would count.
	const lastRow = chat.getByRole('cell', { name: /^row 999 / });
	await expect(lastRow).toBeAttached();

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
	await expect(lastRow).toBeAttached();
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

test('@bad-input a 1 MB paste into the chat input and into the editor', async ({
	page,
	context,
	modelServer
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	modelServer.setScript({ turns: [{ text: 'Got your long message.' }] });
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	// A 1M window: the ~300k-token message fits, so it is sent (one that does not fit is refused
	// before sending: token-calibration.spec.ts).
	await configure(page, 'Anthropic', modelServer.url, { contextWindow: 1_000_000 });
	const line = `${'0123456789'.repeat(9)}abcdefghi\n`;
	const big = line.repeat(10_240) + 'END-OF-PASTE';
	await page.evaluate((text) => navigator.clipboard.writeText(text), big);

	const chat = page.getByRole('region', { name: 'Chat' });
	const message = chat.getByRole('textbox', { name: 'Message' });
	await message.click();
	let started = Date.now();
	await page.keyboard.press('ControlOrMeta+V');
	await expect(message).toHaveValue(big);
	const chatPasteMs = Date.now() - started;
	const chatFrame = await frameDelay(page);
	// The page keeps painting while the long message is sent: the longest gap between frames.
	const longestFrame = await watchFrames(page);
	started = Date.now();
	await message.press('Enter');
	await expect(chat.getByText('Got your long message.')).toBeVisible();
	const sendMs = Date.now() - started;
	const sendFrame = await longestFrame();
	const sent = JSON.stringify(modelServer.requests().find((r) => r.format !== null)?.body ?? '');
	expect(sent).toContain('END-OF-PASTE');
	expect(sent.split('abcdefghi').length - 1).toBe(10_240);
	// The transcript shows its beginning (laid out whole, 1 MB was one layout of ~650 ms), and all
	// of it when asked, every character as typed.
	const showAll = chat.getByRole('button', { name: 'Show all 10,241 lines' });
	await expect(showAll).toHaveAttribute('aria-expanded', 'false');
	await expect(chat.getByText(line.trim()).first()).toBeVisible();
	await expect(chat.getByText('END-OF-PASTE')).toHaveCount(0);
	await showAll.click();
	const whole = chat.getByRole('region', { name: 'Your whole message' });
	expect(await whole.evaluate((box) => box.textContent)).toBe(big);
	// Blocks take their real height once laid out, which can move the end again: scrolled to
	// until it stays.
	const end = whole.getByText('END-OF-PASTE');
	await expect(async () => {
		await end.scrollIntoViewIfNeeded();
		await expect(end).toBeInViewport({ timeout: 1_000 });
	}).toPass();
	await chat.getByRole('button', { name: 'Show less' }).click();
	await expect(whole).toHaveCount(0);

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
	const editorFrame = await frameDelay(page);
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
	expect(sendFrame).toBeLessThan(1000);
	expect(editorFrame).toBeLessThan(1000);

	recordE2eRow(test.info(), {
		input: `a ${(big.length / 1_048_576).toFixed(2)} MB paste (10,240 lines) with Ctrl+V into the chat input, sent; then into index.html in the editor, saved`,
		'what Kiln did':
			`chat input held all ${big.length} characters after ${chatPasteMs} ms (next frame ${Math.round(chatFrame)} ms); ` +
			`sent in full to the model and answered in ${sendMs} ms (slowest frame meanwhile ${Math.round(sendFrame)} ms); editor showed the end of the paste after ${editorPasteMs} ms ` +
			`(next frame ${Math.round(editorFrame)} ms) and saved all 10,240 lines`
	});
});

test('@bad-input an agent writing, then rewriting, a 3,000-line file', async ({
	page,
	modelServer
}) => {
	const lines = (tag: string) =>
		Array.from({ length: 3_000 }, (_, index) => `row ${index} ${tag}`).join('\n') + '\n';
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'data.txt', content: lines('first') } }] },
			{ toolCalls: [{ name: 'write', input: { path: 'data.txt', content: lines('second') } }] },
			{ text: 'Rewritten the data.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Write the data, then rewrite it');

	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('Rewritten the data.')).toBeVisible();
	const writes = chat.getByRole('group', { name: 'write' });
	const [created, rewritten] = [writes.nth(0), writes.nth(1)];
	await expect(created).toContainText('+3000');
	// The rewrite shares no line with the file: every line removed and added, in one hunk.
	await expect(rewritten).toContainText('+3000');
	await expect(rewritten).toContainText('−3000');
	await expect(rewritten).toContainText('@@ -1,3000 +1,3000 @@');
	// The card draws the diff's first 500 lines; the rest when asked.
	const rows = rewritten.locator('.line');
	await expect(rows).toHaveCount(500);
	await rewritten.getByRole('button', { name: 'Show all 6,001 lines' }).click();
	await expect(rows).toHaveCount(6_001);
	await expect(rows.last()).toHaveText('+row 2999 second');

	recordE2eRow(test.info(), {
		input: 'an agent writes a 3,000-line file, then rewrites every line of it',
		'what Kiln did':
			'both writes reported; the rewrite diffed as every line replaced (one hunk, +3000 −3000) without searching for a smaller diff; each card drew 500 lines and all 6,001 on "Show all"'
	});
});
