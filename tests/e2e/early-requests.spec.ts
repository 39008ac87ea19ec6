/**
 * A page opened on a project asks for everything opening it needs while its HTML is parsed (the
 * inline script scripts/project-preloads.mjs fills in), and starts reading the project before
 * SvelteKit's own entry has run. Shown by holding that entry back: with it held, the route's
 * chunks and just-bash are requested, the project's database is opened and its session opens
 * on the reads all the same.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { expect, test } from './model-server';
import { BUNDLE_REPORT_PATH, type ReportedChunk } from '../../tooling/bundle-report';
import { createProject, runInTerminal } from './helpers';
import { JUST_BASH_ENTRY, staticClosure } from '../../scripts/project-preloads.mjs';

const chunks: ReportedChunk[] = JSON.parse(readFileSync(BUNDLE_REPORT_PATH, 'utf8'));
const chunkHolding = (pattern: RegExp) => {
	const found = chunks.find((chunk) => chunk.modules.some((module) => pattern.test(module.id)));
	if (!found) throw new Error(`No chunk holds ${pattern}: rebuild (npm run build).`);
	return `/${found.fileName}`;
};
const PROJECT_ROUTE = chunkHolding(/src\/routes\/project\/\[id\]\/\+page\.svelte$/);
const JUST_BASH = chunkHolding(JUST_BASH_ENTRY);
const START_READING = chunkHolding(/src\/lib\/state\/early-open-start\.ts$/);
/** Every chunk the offline runtime's three imports load (browser-runtime.ts), however deep. */
const RUNTIME_CHUNKS = [
	...staticClosure(
		chunks,
		[
			/src\/lib\/runtime\/browser\/just-bash-parts\.ts$/,
			/src\/lib\/runtime\/browser\/bash-runtime\.ts$/,
			/node_modules\/buffer\/index\.js$/
		].map((pattern) => chunkHolding(pattern).slice(1))
	)
].map((file) => `/${file}`);

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
		const list = IDBFactory.prototype.databases;
		IDBFactory.prototype.databases = function (this: IDBFactory) {
			opened.push('(the list)');
			return list.call(this);
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
	// The page's first script woke the origin's storage while the scripts downloaded, by asking
	// for the list of databases (which creates none).
	const opened = await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened);
	expect(opened[0]).toBe('(the list)');
	// The project's session opens on those reads all the same (early-session.ts): its files are
	// in the workspace and its runtime is attached before SvelteKit has started.
	const marked = (name: string) =>
		page.evaluate((mark) => performance.getEntriesByName(mark, 'mark').length, name);
	await expect.poll(() => marked('kiln:files-ready')).toBe(1);
	await expect.poll(() => marked('kiln:runtime-ready')).toBe(1);
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

test("just-bash's commands are not asked for while opening: each arrives when first run", async ({
	page
}) => {
	// The page runs just-bash's build split by command (tooling/just-bash-split.ts). A command's
	// module only re-exports its code, so its chunk is found by what it exports.
	const sortChunks = chunks.filter((chunk) =>
		/export\s*\{[^}]*\bas sortCommand\s*\}/.test(readFileSync(`build/${chunk.fileName}`, 'utf8'))
	);
	expect(sortChunks).toHaveLength(1);
	const SORT = `/${sortChunks[0]!.fileName}`;
	expect(SORT).not.toBe(JUST_BASH);
	const projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
	const requested: string[] = [];
	page.on('request', (request) => requested.push(new URL(request.url()).pathname));
	await page.goto(projectUrl);
	const terminal = page.getByRole('region', { name: 'Terminal' });
	await expect(terminal).toContainText('$');
	expect(requested).toContain(JUST_BASH);
	expect(requested).not.toContain(SORT);

	await runInTerminal(page, "printf 'kiwi\\napple\\n' | sort | paste -s -d+ -");
	await expect(terminal).toContainText('apple+kiwi');
	expect(requested).toContain(SORT);
});

test("the route's stylesheets are applied from the list, and not fetched again when it loads", async ({
	page
}) => {
	const projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
	await page.goto('about:blank');
	await page.goto(projectUrl);
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'index.html' })
	).toBeVisible();
	// Listed as preloads, they were fetched once by the list and again by Vite's loader (which
	// adds each as a stylesheet and holds the route until it has loaded): one fetch each now.
	const fetches = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.endsWith('.css'))
	);
	const twice = fetches.filter((path, index) => fetches.indexOf(path) !== index);
	expect(fetches.length).toBeGreaterThan(1);
	expect(twice).toEqual([]);
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

/** src/app.html's limit: a page that took longer to arrive came over a slow line. */
const ARRIVAL_LIMIT_MS = 400;

test.describe("just-bash from the page's own list", () => {
	// Only the inline script's list can ask for it here: SvelteKit's entry and the early reads
	// (which ask for it as they run) are both held back.
	const listedModules = async (page: Page, projectUrl: string) => {
		const held: Route[] = [];
		await page.route(/\/_app\/immutable\/entry\/start\.[\w-]+\.js$/, (route) => held.push(route));
		await page.route(`**${START_READING}`, (route) => held.push(route));
		await page.goto(projectUrl);
		await expect.poll(() => held.length).toBe(2);
		return page.evaluate(() =>
			[...document.querySelectorAll('link[rel="modulepreload"]')].map(
				(link) => new URL((link as HTMLLinkElement).href).pathname
			)
		);
	};

	test('is asked for at once on a fast line', async ({ page }) => {
		const projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
		const requested: string[] = [];
		page.on('request', (request) => requested.push(new URL(request.url()).pathname));
		const listed = await listedModules(page, projectUrl);
		expect(listed).toContain(PROJECT_ROUTE);
		// A local server is a fast line, unless this machine was too busy to send the page in time
		// (the script's limit) or the browser judged its line slower: then the slow rule holds.
		const fast = await page.evaluate((limit) => {
			const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
			const line = (navigator as { connection?: { effectiveType: string; saveData: boolean } })
				.connection;
			const arrival = entry!.responseEnd - entry!.requestStart;
			return arrival < limit && !line?.saveData && (!line || line.effectiveType === '4g');
		}, ARRIVAL_LIMIT_MS);
		// The IDE's start reads the same judgement (hooks.client.ts holds the mount for just-bash).
		expect(await page.evaluate(() => document.documentElement.dataset.line)).toBe(
			fast ? 'fast' : 'slow'
		);
		if (!fast) {
			expect(listed).not.toContain(JUST_BASH);
			return;
		}
		expect(listed).toContain(JUST_BASH);
		// All of it, the chunk answering the runtime's import of just-bash too: a chunk left out
		// would be asked for only once the early reads' code has run, and just-bash could not run
		// before it arrived.
		expect(listed).toEqual(expect.arrayContaining(RUNTIME_CHUNKS));
		await expect.poll(() => requested).toContain(JUST_BASH);
	});

	test('is left to the early reads on a slow line (it took the bandwidth the shell needed)', async ({
		page
	}) => {
		const projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
		const cdp = await page.context().newCDPSession(page);
		// A slow line as DevTools makes one ("Fast 3G" has 562.5 ms): the page arrives late.
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 600,
			downloadThroughput: 10_000_000,
			uploadThroughput: 10_000_000
		});
		const listed = await listedModules(page, projectUrl);
		expect(listed).toContain(PROJECT_ROUTE);
		expect(listed).not.toContain(JUST_BASH);
		// Nor does the IDE's start wait for it (hooks.client.ts): its download would hold the shell.
		expect(await page.evaluate(() => document.documentElement.dataset.line)).toBe('slow');
	});
});

test("the file tree's collator is warmed in a worker, not on the page's busy main thread", async ({
	page
}) => {
	const projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
	// The collators the page's main thread makes, and the workers it starts.
	await page.addInitScript(() => {
		const seen = { collators: [] as unknown[], workers: [] as string[] };
		Object.assign(window, { __seen: seen });
		const RealCollator = Intl.Collator;
		Intl.Collator = function (...args: ConstructorParameters<typeof Intl.Collator>) {
			seen.collators.push(args[1]);
			return new RealCollator(...args);
		} as unknown as typeof Intl.Collator;
		const RealWorker = Worker;
		window.Worker = class extends RealWorker {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				const href = new URL(url, location.href).href;
				this.addEventListener('message', () => seen.workers.push(options?.name ?? href));
			}
		};
	});
	const complaints: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/.test(message.text())) complaints.push(message.text());
	});
	await page.goto(projectUrl);
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'index.html' })
	).toBeVisible();

	const seen = () =>
		page.evaluate(
			() => (window as unknown as { __seen: { collators: unknown[]; workers: string[] } }).__seen
		);
	// The worker made its collator and said so (the unit test shows it is the tree's).
	await expect.poll(async () => (await seen()).workers).toContain('kiln-collation-warmup');
	// The main thread made the tree's own alone: no warm-up of its own.
	expect((await seen()).collators).toEqual([{ numeric: true, sensitivity: 'base' }]);
	expect(complaints).toEqual([]);
});
