/**
 * Hostile file names in the tree, tabs, tool cards and the preview address (@bad-input rows).
 */
import { recordE2eRow } from '../suite-table/row';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

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
	await expect(writes.nth(1)).toContainText('outside the project');
	const refusal = /The path '[^']*' is outside the project\./.exec(
		(await writes.nth(1).textContent()) ?? ''
	)?.[0];
	expect(refusal).toBeTruthy();

	// The preview address: the hostile name is a path, never markup.
	const address = page.getByRole('textbox', { name: 'Preview address' });
	await address.fill(`/${HOSTILE_NAMES.html}`);
	await address.press('Enter');
	await expect(
		page.frameLocator('iframe[title="Preview"]').getByRole('heading', { name: 'hostile page' })
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
			`'../outside.txt' refused (“${refusal}”); ` +
			`preview address “${shownAddress}” showed the page; window.__pwned = ${pwned}`
	});
});
