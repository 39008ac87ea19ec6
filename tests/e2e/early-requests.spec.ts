/**
 * A page opened on a project asks for everything opening it needs while its HTML is parsed (the
 * inline script scripts/project-preloads.mjs fills in), and starts reading the project before
 * SvelteKit's own entry has run. Shown by holding that entry back: with it held, the route's
 * chunks and just-bash are requested and the project's database is opened all the same.
 */
import { readFileSync } from 'node:fs';
import type { Route } from '@playwright/test';
import { expect, test } from './model-server';
import { BUNDLE_REPORT_PATH, type ReportedChunk } from '../../tooling/bundle-report';
import { createProject } from './helpers';

const chunks: ReportedChunk[] = JSON.parse(readFileSync(BUNDLE_REPORT_PATH, 'utf8'));
const chunkHolding = (pattern: RegExp) => {
	const found = chunks.find((chunk) => chunk.modules.some((module) => pattern.test(module.id)));
	if (!found) throw new Error(`No chunk holds ${pattern}: rebuild (npm run build).`);
	return `/${found.fileName}`;
};
const PROJECT_ROUTE = chunkHolding(/src\/routes\/project\/\[id\]\/\+page\.svelte$/);
const JUST_BASH = chunkHolding(/node_modules\/just-bash\/dist\/bundle\/browser\.js$/);
const START_READING = chunkHolding(/src\/lib\/state\/early-open-start\.ts$/);

test('a project page asks for its route and runtime, and reads the project, before the entry runs', async ({
	page
}) => {
	const projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
	// Which databases the page opens, from its first script on.
	await page.addInitScript(() => {
		const opened: string[] = ((window as unknown as { __opened: string[] }).__opened = []);
		const open = IDBFactory.prototype.open;
		IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
			opened.push(name);
			return open.call(this, name, version);
		};
	});
	const complaints: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/.test(message.text())) complaints.push(message.text());
	});
	const requested: string[] = [];
	page.on('request', (request) => requested.push(new URL(request.url()).pathname));
	const held: Route[] = [];
	let holding = true;
	await page.route(/\/_app\/immutable\/entry\/start\.[\w-]+\.js$/, (route) =>
		holding ? void held.push(route) : route.continue()
	);

	await page.goto(projectUrl);
	await expect.poll(() => held.length).toBe(1);
	await expect
		.poll(() => requested)
		.toEqual(expect.arrayContaining([PROJECT_ROUTE, START_READING, JUST_BASH]));
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { __opened: string[] }).__opened))
		.toContain('kiln-project-files');
	// The IDE has not started: nothing of it is on screen.
	await expect(page.getByRole('tree', { name: 'Files' })).toHaveCount(0);

	// The entry arrives: the IDE comes up on the reads already made, runtime and all.
	holding = false;
	for (const route of held) await route.continue();
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'index.html' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('$');
	expect(complaints).toEqual([]);
});

test('any other address asks for none of it', async ({ page }) => {
	const requested: string[] = [];
	page.on('request', (request) => requested.push(new URL(request.url()).pathname));
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(requested).not.toContain(JUST_BASH);
	expect(requested).not.toContain(START_READING);
	expect(requested).not.toContain(PROJECT_ROUTE);
});
