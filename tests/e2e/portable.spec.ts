import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

const encode = (text: string) => new TextEncoder().encode(text);
const KEY = 'sk-test-key-123456';

/**
 * Text, binary, empty, unicode names, a BOM, an empty folder, and a file big enough (≥ 160 KB)
 * that fflate's own async zip would hand it to a blob: worker, which the page's CSP refuses.
 */
function sampleProject(): Record<string, Uint8Array> {
	const binary = new Uint8Array(3000).map((_, i) => (i * 131 + 7) % 256);
	let seed = 1;
	const big = new Uint8Array(400 * 1024).map(
		() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
	);
	return {
		'assets/big.bin': big,
		'index.html': encode('<!doctype html>\n<h1>Round trip</h1>\n'),
		'src/app.js': encode('console.log("ünïcödé ✓");\r\n'),
		'assets/blob.bin': binary,
		'empty.txt': new Uint8Array(0),
		'文档/说明.md': encode('# 你好\n'),
		'bom.txt': encode('\uFEFFbom'),
		'keep/': new Uint8Array(0)
	};
}

function fileEntries(zip: Record<string, Uint8Array>): Record<string, number[]> {
	return Object.fromEntries(
		Object.entries(zip)
			.filter(([name]) => !name.startsWith('.kiln/'))
			.map(([name, data]) => [name, Array.from(data)])
	);
}

async function openImport(page: Page) {
	await page.goto('/?runtime=browser');
	await page.getByRole('button', { name: 'Import' }).click();
	const dialog = page.getByRole('dialog', { name: 'Import' });
	await expect(dialog).toBeVisible();
	return dialog;
}

async function importZipFile(page: Page, name: string, bytes: Uint8Array) {
	const dialog = await openImport(page);
	await dialog.getByLabel('Zip file').setInputFiles({
		name,
		mimeType: 'application/zip',
		buffer: Buffer.from(bytes)
	});
	return dialog;
}

async function exportZip(page: Page, options: { conversation?: boolean } = {}) {
	await page.getByRole('button', { name: 'Export' }).click();
	const dialog = page.getByRole('dialog', { name: 'Export' });
	await expect(dialog).toBeVisible();
	const markdown = dialog.getByRole('checkbox', { name: 'Include the conversation as Markdown' });
	const json = dialog.getByRole('checkbox', { name: 'Include the conversation as JSON' });
	await expect(markdown).not.toBeChecked();
	await expect(json).not.toBeChecked();
	if (options.conversation) {
		await markdown.check();
		await json.check();
	}
	const download = page.waitForEvent('download');
	await dialog.getByRole('button', { name: 'Download' }).click();
	const file = await download;
	const bytes = new Uint8Array(readFileSync(await file.path()));
	await dialog.getByRole('button', { name: 'Close' }).click();
	return { name: file.suggestedFilename(), bytes };
}

test.describe('export and import', () => {
	test('export then import gives back the same files, byte for byte', async ({ page }) => {
		const original = sampleProject();
		await importZipFile(page, 'Round trip.zip', zipSync(original));
		await expect(page).toHaveURL(/\/project\//);
		const tree = page.getByRole('tree', { name: 'Files' });
		await expect(tree.getByRole('treeitem', { name: 'index.html' })).toBeVisible();

		const first = await exportZip(page);
		expect(first.name).toBe('Round trip.zip');
		expect(fileEntries(unzipSync(first.bytes))).toEqual(fileEntries(original));

		await importZipFile(page, first.name, first.bytes);
		await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
		await expect(tree.getByRole('treeitem', { name: 'keep' })).toBeVisible();
		const second = await exportZip(page);
		expect(fileEntries(unzipSync(second.bytes))).toEqual(fileEntries(original));
	});

	test('the conversation travels in the zip; the key and settings never do', async ({
		page,
		modelServer
	}) => {
		modelServer.setScript({ turns: [{ text: 'Glad to help with the round trip.' }] });
		await createProject(page, 'Blank', { name: 'Chatty', query: '?runtime=browser' });
		await configure(page, 'Anthropic', modelServer.url);
		await send(page, 'Say something portable');
		const chat = page.getByRole('region', { name: 'Chat' });
		await expect(chat.getByText('Glad to help with the round trip.')).toBeVisible();

		const archive = await exportZip(page, { conversation: true });
		const entries = unzipSync(archive.bytes);
		const everything = Buffer.concat([
			Buffer.from(archive.bytes),
			...Object.entries(entries).flatMap(([name, data]) => [Buffer.from(name), Buffer.from(data)])
		]).toString('latin1');
		expect(everything).not.toContain(KEY);
		expect(everything).not.toContain(modelServer.url);
		expect(Object.keys(entries)).toEqual(
			expect.arrayContaining(['.kiln/session.md', '.kiln/session.json'])
		);
		const markdown = new TextDecoder().decode(entries['.kiln/session.md']);
		expect(markdown).toContain('Say something portable');
		expect(markdown).toContain('Glad to help with the round trip.');

		await importZipFile(page, archive.name, archive.bytes);
		const dialog = page.getByRole('dialog', { name: 'Import' });
		// The .kiln documents are listed as taken for the conversation, not written as files.
		await expect(dialog.getByRole('status')).toContainText('with its conversation');
		await expect(dialog.getByRole('region', { name: 'Skipped' })).toContainText(
			'.kiln/session.json'
		);
		await dialog.getByRole('button', { name: 'Open project' }).click();
		await expect(page).toHaveURL(/\/project\//);
		await expect(chat.getByText('Say something portable')).toBeVisible();
		await expect(chat.getByText('Glad to help with the round trip.')).toBeVisible();
	});

	test('a zip bomb and a path-escaping zip are refused with a message', async ({ page }) => {
		const bomb = zipSync({ 'big.txt': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
		let dialog = await importZipFile(page, 'bomb.zip', bomb);
		await expect(dialog.getByRole('alert')).toContainText('bomb.zip looks like a zip bomb');
		await expect(page).toHaveURL(/\/\?runtime=browser$/);

		const evil = zipSync({ 'ok.txt': encode('ok'), '../../evil.txt': encode('evil') });
		dialog = await importZipFile(page, 'evil.zip', evil);
		await expect(dialog.getByRole('alert')).toContainText('climbs out of the project');
		await expect(dialog.getByRole('alert')).toContainText('Nothing was imported');

		const absolute = zipSync({ '/etc/evil.txt': encode('evil') });
		dialog = await importZipFile(page, 'absolute.zip', absolute);
		await expect(dialog.getByRole('alert')).toContainText('absolute path');
		await dialog.getByRole('button', { name: 'Close' }).click();
		await expect(page.getByRole('list', { name: 'Projects' })).toHaveCount(0);
	});

	test('a folder imports as a new project, leaving out node_modules and junk', async ({ page }) => {
		const root = join(mkdtempSync(join(tmpdir(), 'kiln-folder-')), 'site');
		mkdirSync(join(root, 'css'), { recursive: true });
		mkdirSync(join(root, 'node_modules', 'left-pad'), { recursive: true });
		writeFileSync(join(root, 'index.html'), '<h1>folder</h1>');
		writeFileSync(join(root, 'css', 'main.css'), 'h1 { color: red }');
		writeFileSync(join(root, 'node_modules', 'left-pad', 'index.js'), 'module.exports = 1');
		writeFileSync(join(root, '.DS_Store'), 'junk');

		const dialog = await openImport(page);
		await dialog.getByLabel('Folder').setInputFiles(root);
		await expect(dialog.getByRole('status')).toContainText('Imported 2 files into “site”');
		const skipped = dialog.getByRole('region', { name: 'Skipped' });
		await expect(skipped).toContainText('node_modules/');
		await expect(skipped).toContainText('.DS_Store');
		await dialog.getByRole('button', { name: 'Open project' }).click();
		const tree = page.getByRole('tree', { name: 'Files' });
		await expect(tree.getByRole('treeitem', { name: 'css' })).toBeVisible();
		await expect(tree.getByRole('treeitem', { name: 'index.html' })).toBeVisible();
		await expect(tree.getByRole('treeitem', { name: 'node_modules' })).toHaveCount(0);
	});
});

async function dropFiles(page: Page, files: Record<string, string>) {
	const transfer = await page.evaluateHandle((entries) => {
		const data = new DataTransfer();
		for (const [name, text] of Object.entries(entries)) {
			data.items.add(new File([text], name, { type: 'text/plain' }));
		}
		return data;
	}, files);
	const tree = page.getByRole('tree', { name: 'Files' });
	await tree.dispatchEvent('dragover', { dataTransfer: transfer });
	await tree.dispatchEvent('drop', { dataTransfer: transfer });
}

test('files dropped on the tree are written there, and replacing asks first', async ({ page }) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const tree = page.getByRole('tree', { name: 'Files' });
	await dropFiles(page, { 'dropped.txt': 'first version', 'other.md': '# other' });
	await expect(page.getByRole('status').filter({ hasText: 'Added 2 files' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'dropped.txt' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'other.md' })).toBeVisible();

	await dropFiles(page, { 'dropped.txt': 'second version' });
	const ask = page.getByRole('dialog', { name: 'Replace files?' });
	await expect(ask).toBeVisible();
	await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await ask.getByRole('button', { name: 'Replace' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Added 1 file' })).toBeVisible();
	await tree.getByRole('treeitem', { name: 'dropped.txt' }).click();
	await expect(page.getByRole('region', { name: 'Editor' })).toContainText('second version');

	// Unsaved editor text is never replaced by a drop.
	await page.getByRole('region', { name: 'Editor' }).locator('.cm-content').click();
	await page.keyboard.type(' typed');
	await dropFiles(page, { 'dropped.txt': 'third version' });
	await expect(page.getByRole('status').filter({ hasText: 'Added 0 files' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Skipped' })).toContainText('unsaved changes');
	await expect(page.getByRole('region', { name: 'Editor' })).toContainText('typed');
	await expect(page.getByRole('region', { name: 'Editor' })).not.toContainText('third version');
});

test('/?repo= offers the repository and imports it only when confirmed', async ({
	page,
	modelServer
}) => {
	modelServer.setGitHub({
		repos: {
			'kiln/demo': {
				defaultBranch: 'main',
				refs: ['v2'],
				files: { 'README.md': '# Demo from GitHub\n', 'src/main.js': 'export {};\n' }
			}
		}
	});
	const githubCalls: string[] = [];
	page.on('request', (request) => {
		if (request.url().startsWith(modelServer.url)) githubCalls.push(request.url());
	});
	await page.goto('/?repo=kiln/demo@v2&runtime=browser');
	const dialog = page.getByRole('dialog', { name: 'Import' });
	await expect(dialog).toContainText('Import the GitHub repository kiln/demo@v2 as a new project?');
	await expect(dialog.getByRole('textbox', { name: 'GitHub repository' })).toHaveValue(
		'kiln/demo@v2'
	);
	await dialog.getByText('Advanced').click();
	await dialog.getByRole('textbox', { name: 'GitHub API URL' }).fill(`${modelServer.url}/api/v3`);
	expect(githubCalls).toEqual([]);

	await dialog.getByRole('button', { name: 'Import repository' }).click();
	await expect(page).toHaveURL(/\/project\/[\w-]+\?runtime=browser$/);
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'README.md' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'src' })).toBeVisible();
	expect(githubCalls.some((url) => url.includes('/raw/kiln/demo/v2/README.md'))).toBe(true);
});

test('repository errors are explained: not found, rate limit', async ({ page, modelServer }) => {
	modelServer.setGitHub({ repos: {} });
	await page.goto('/?repo=kiln/missing');
	const dialog = page.getByRole('dialog', { name: 'Import' });
	await dialog.getByText('Advanced').click();
	await dialog.getByRole('textbox', { name: 'GitHub API URL' }).fill(`${modelServer.url}/api/v3`);
	await dialog.getByRole('button', { name: 'Import repository' }).click();
	await expect(dialog.getByRole('alert')).toContainText('no public repository kiln/missing');
	await expect(dialog.getByRole('alert')).toContainText('if it is private');

	modelServer.setGitHub({ repos: {}, rateLimitedUntil: Math.floor(Date.now() / 1000) + 600 });
	await dialog.getByRole('button', { name: 'Import repository' }).click();
	await expect(dialog.getByRole('alert')).toContainText('rate limit is used up');
	await expect(dialog.getByRole('alert')).toContainText('(in 10 minutes)');
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(dialog).toBeHidden();
	await expect(page).not.toHaveURL(/repo=/);
});
