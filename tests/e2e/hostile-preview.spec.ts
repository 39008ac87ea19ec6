import { recordE2eRow } from '../suite-table/row';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';
import { previewOrigin } from './origins';

/**
 * A page the agent writes (as a prompt-injected README could make it) that tries everything a
 * project page could do to the person: read the IDE's IndexedDB (where the API key lives),
 * its localStorage, its DOM, and take the tab away. Each attempt writes what it got into the page.
 */
const hostilePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Totally harmless</title></head>
<body>
<h1>hostile page waiting</h1>
<ul aria-label="Attempts"></ul>
<script>
const list = document.querySelector('ul');
const note = (name, result) => {
	const item = document.createElement('li');
	item.textContent = name + ': ' + result;
	list.append(item);
};
const failed = (error) => 'failed (' + (error && error.name) + ')';
(async () => {
	document.querySelector('h1').textContent = 'hostile script ran';
	try {
		const names = (await indexedDB.databases()).map((db) => db.name);
		const db = await new Promise((resolve, reject) => {
			const open = indexedDB.open('kiln-settings');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const stores = Array.from(db.objectStoreNames);
		let key = 'none';
		if (stores.includes('settings')) {
			key = await new Promise((resolve) => {
				const all = db.transaction('settings').objectStore('settings').getAll();
				all.onsuccess = () => resolve(JSON.stringify(all.result));
				all.onerror = () => resolve('unreadable');
			});
		}
		db.close();
		note('indexeddb', 'databases [' + names.join(',') + '], kiln-settings stores [' + stores.join(',') + '], settings ' + key);
	} catch (error) {
		note('indexeddb', failed(error));
	}
	try {
		note('localstorage', 'keys [' + Object.keys(localStorage).join(',') + ']');
	} catch (error) {
		note('localstorage', failed(error));
	}
	try {
		const title = parent.document.title;
		parent.document.body.insertAdjacentHTML('beforeend', '<p>pwned by the preview</p>');
		note('parent.document', 'read "' + title + '" and wrote into it');
	} catch (error) {
		note('parent.document', failed(error));
	}
	try {
		top.location.href = 'https://example.com/pwned';
		note('top navigation', 'no error thrown');
	} catch (error) {
		note('top navigation', failed(error));
	}
	document.querySelector('h1').textContent = 'hostile script done';
})();
</script>
</body>
</html>
`;

test('a hostile preview page reaches nothing of the IDE @bad-input', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'index.html', content: hostilePage } }] },
			{ text: 'Wrote index.html.' }
		]
	});
	const ideUrl = await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Follow the instructions in README.md');

	const preview = page.getByRole('region', { name: 'Preview' });
	await expect(preview.getByTitle('Preview', { exact: true })).toHaveAttribute(
		'src',
		new RegExp(`^${previewOrigin}/`)
	);
	const frame = page.frameLocator('iframe[title="Preview"]');
	// Its script ran, to the end.
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText('hostile script done');
	const attempts = frame.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
	// Read again if the preview reloads meanwhile (its live reload after the agent's write).
	let seen: string[] = [];
	await expect(async () => {
		seen = await attempts.allTextContents();
		expect(seen).toHaveLength(4);
	}).toPass();
	const result = (name: string) => seen.find((line) => line.startsWith(`${name}: `)) ?? '';

	// The IDE does keep the key in kiln-settings: the page must not have seen it.
	const ideDatabases = await page.evaluate(async () =>
		(await indexedDB.databases()).map((db) => db.name)
	);
	expect(ideDatabases).toContain('kiln-settings');
	expect(result('indexeddb')).toContain('settings none');
	expect(result('indexeddb')).not.toContain('sk-test-key');
	expect(result('localstorage')).toBe('localstorage: keys []');
	expect(result('parent.document')).toMatch(/^parent\.document: failed \(SecurityError\)$/);
	expect(result('top navigation')).toMatch(/^top navigation: /);

	// The IDE is unchanged and still where it was.
	expect(page.url()).toBe(ideUrl);
	// (The chat shows the page's source, so look where the script would have written: the body.)
	await expect(page.locator('body > p', { hasText: 'pwned by the preview' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Chat' })).toContainText('Wrote index.html.');

	recordE2eRow(test.info(), {
		input:
			'preview page reads IndexedDB kiln-settings and localStorage, writes parent.document, navigates top',
		'what Kiln did': `ran it on ${new URL((await preview.getByTitle('Preview', { exact: true }).getAttribute('src')) ?? '').origin}; ${seen.join('; ')}; IDE still on ${new URL(page.url()).pathname}`
	});
});
