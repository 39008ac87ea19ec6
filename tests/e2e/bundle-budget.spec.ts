/**
 * What the IDE's shell (top bar, panes, tree, tabs, chat input, status bar) needs to paint, measured
 * in Chromium against the production build: the JavaScript that arrived before the shell's
 * `kiln:shell-painted` mark, summed as the gzip copies the server sends. The heavy chunks the shell
 * must not wait for (CodeMirror, xterm, just-bash) are held back by the test: if the shell needed
 * one of them it could not paint at all. Sizes and structure only; nothing here is timed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page, Route } from '@playwright/test';
import { expect, test } from './model-server';
import { BUNDLE_REPORT_PATH, staticClosure, type ReportedChunk } from '../../tooling/bundle-report';
import { createProject, fillSettings } from './helpers';
import { routeBundle } from '../../bench/web/attribution';

/**
 * Issue 10's goal: 150 KB gzip for the shell. Issues 12 and 13 had brought it to 153.1 KB; the
 * Sessions and Rewind dialogs, the tree's drop handling and the provider errors' wording now load
 * on demand (148.5 KB). A new part of the shell that does not fit must make room first.
 */
const SHELL_BUDGET_GZIP = 150 * 1024;
const SHELL_PAINTED = 'kiln:shell-painted';

/** Packages whose chunks load after the shell: the editor on first open, the rest preloaded. */
const EDITOR = /^(@codemirror\/|codemirror$)/;
const TERMINAL_AND_RUNTIME = /^(@xterm\/|just-bash$)/;

const chunks: ReportedChunk[] = JSON.parse(readFileSync(BUNDLE_REPORT_PATH, 'utf8'));
const byPath = new Map(chunks.map((chunk) => [`/${chunk.fileName}`, chunk]));

function owners(path: string): string[] {
	return [...new Set(byPath.get(path)?.modules.map((module) => module.owner) ?? [])];
}

/** `roots` and every chunk they import statically, as request paths. */
function closureOf(roots: ReportedChunk[]): Set<string> {
	const files = staticClosure(
		chunks,
		roots.map((chunk) => chunk.fileName)
	);
	return new Set([...files].map((file) => `/${file}`));
}

const containing = (pattern: RegExp) => (chunk: ReportedChunk) =>
	chunk.modules.some((module) => pattern.test(module.id));

/** The IDE route's code: SvelteKit's entries, the route's component, and their static imports. */
const ROUTE_CLOSURE = closureOf(
	chunks.filter(
		(chunk) =>
			(chunk.isEntry && !chunk.isDynamicEntry) ||
			containing(/routes\/project\/\[id\]\/\+page\.svelte$/)(chunk)
	)
);

/**
 * The offline runtime's own chunks besides just-bash (its fflate, the Buffer polyfill, Kiln's
 * shell and filesystem code): fetched as the page starts, beside the route, and so often here
 * before the shell paints. Held too, to show the shell paints without them. What the route itself
 * imports statically is never counted as the runtime's.
 */
const RUNTIME_ONLY = (() => {
	const runtime = closureOf(
		chunks.filter(
			containing(/node_modules\/(just-bash|buffer)\/|src\/lib\/runtime\/browser\/bash-runtime\.ts$/)
		)
	);
	return new Set([...runtime].filter((path) => !ROUTE_CLOSURE.has(path)));
})();

function gzipBytes(path: string): number {
	const file = `build${path}`;
	// precompress.mjs writes a .gz beside every file worth compressing; smaller ones go as they are.
	if (existsSync(`${file}.gz`)) return readFileSync(`${file}.gz`).length;
	return Math.min(readFileSync(file).length, gzipSync(readFileSync(file), { level: 9 }).length);
}

/** The chunk holding the agent's loop (agent/agent.ts), loaded on send or in idle time. */
const AGENT_CODE = chunks.find(containing(/src\/lib\/agent\/agent\.ts$/));

/**
 * Holds back every request for a chunk holding one of `packages` (and, with `runtime`, every
 * chunk only the offline runtime needs; with `agent`, the agent's code) until `release()`.
 */
async function holdChunks(page: Page, packages: RegExp, { runtime = false, agent = false } = {}) {
	const held: Route[] = [];
	const heldPaths: string[] = [];
	let holding = true;
	await page.route(/\/_app\/immutable\/.+\.js$/, async (route) => {
		const path = new URL(route.request().url()).pathname;
		const wanted =
			owners(path).some((owner) => packages.test(owner)) ||
			(runtime && RUNTIME_ONLY.has(path)) ||
			(agent && path === `/${AGENT_CODE?.fileName}`);
		if (holding && wanted) {
			held.push(route);
			heldPaths.push(path);
			return;
		}
		await route.continue();
	});
	return {
		/** The held chunks' packages, as far as they match `packages`. */
		heldPackages: () => heldPaths.flatMap((path) => owners(path).filter((o) => packages.test(o))),
		heldPaths: () => [...heldPaths],
		async release() {
			holding = false;
			for (const route of held.splice(0)) await route.continue();
		}
	};
}

/** The JavaScript files that had arrived when the shell painted, with their gzip size. */
async function shellScripts(page: Page) {
	await page.waitForFunction(
		(name) => performance.getEntriesByName(name).length > 0,
		SHELL_PAINTED
	);
	const arrived = await page.evaluate((name) => {
		const painted = performance.getEntriesByName(name)[0]!.startTime;
		return performance
			.getEntriesByType('resource')
			.filter((entry) => (entry as PerformanceResourceTiming).responseEnd <= painted)
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.endsWith('.js'));
	}, SHELL_PAINTED);
	return arrived.map((path) => ({ path, gzip: gzipBytes(path), owners: owners(path) }));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test.describe('the IDE shell paints from a small bundle', () => {
	// What a first visit downloads is measured, and held chunks are held by page.route, which
	// never sees what a service worker answers: the app-shell worker stays out of these tests.
	test.use({ serviceWorkers: 'block' });
	let projectUrl: string;

	test.beforeEach(async ({ page }) => {
		projectUrl = await createProject(page, 'Static site', { query: '?runtime=browser' });
		// The page that made the project goes: once idle, it asked for the agent's code and then the
		// catalog, and a request it made after a test's hold was set counted as the next page's.
		await page.goto('about:blank');
	});

	test('without CodeMirror, xterm or just-bash, and within the JS budget', async ({ page }) => {
		const held = await holdChunks(
			page,
			new RegExp(`${EDITOR.source}|${TERMINAL_AND_RUNTIME.source}`),
			{ runtime: true }
		);
		// A fresh document, as when the project is opened from a link or a reload.
		await page.goto(projectUrl);
		const scripts = await shellScripts(page);

		expect(scripts.flatMap((script) => script.owners).filter((o) => EDITOR.test(o))).toEqual([]);
		// Both were asked for while held: xterm by the route's preload (no runtime can exist without
		// just-bash, which is held too), just-bash by the runtime starting.
		await expect
			.poll(held.heldPackages)
			.toEqual(expect.arrayContaining(['@xterm/xterm', 'just-bash']));
		// Once they arrive, the rest of the IDE comes up.
		await held.release();
		await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('$');

		const total = scripts.reduce((sum, script) => sum + script.gzip, 0);
		const table = scripts
			.sort((a, b) => b.gzip - a.gzip)
			.map((s) => `  ${kb(s.gzip).padStart(9)}  ${s.path}  ${s.owners.slice(0, 8).join(', ')}`)
			.join('\n');
		expect(
			total,
			`The shell needed ${kb(total)} gzip of JS (budget ${kb(SHELL_BUDGET_GZIP)}):\n${table}`
		).toBeLessThanOrEqual(SHELL_BUDGET_GZIP);
	});

	test('the terminal is built once the runtime has started, not while the project opens', async ({
		page
	}) => {
		// Building xterm is ~60 ms of main thread: opening the project no longer waits behind it.
		const held = await holdChunks(page, /^just-bash$/, { runtime: true });
		await page.goto(projectUrl);
		await shellScripts(page);
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await expect(terminal.getByRole('status')).toHaveText('Starting the runtime…');
		// xterm's code is here (the route fetched it at once), yet no terminal is built.
		await expect.poll(() => arrived(page, XTERM_CODE)).toBe(true);
		await expect(terminal.locator('.xterm')).toHaveCount(0);

		await held.release();
		await expect(terminal.locator('.xterm')).toHaveCount(1);
		await expect(terminal).toContainText('$');
	});

	test('a file opened before the editor has loaded opens once it arrives', async ({ page }) => {
		const held = await holdChunks(page, EDITOR);
		await page.goto(projectUrl);
		await shellScripts(page);
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'main.js' })
			.click();

		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.getByRole('status')).toHaveText('Opening main.js…');
		// The editor's chunk is fetched on demand (or by the idle prefetch), and it is not here yet.
		await expect.poll(held.heldPackages).toContain('@codemirror/view');
		await expect(editor.locator('.cm-content')).toHaveCount(0);

		await held.release();
		await expect(editor.getByRole('tab', { name: 'main.js' })).toBeVisible();
		const content = editor.locator('.cm-content');
		await expect(content).toContainText('Runs after the page is parsed');
		await content.click();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('// typed at once\n');
		await expect(content).toContainText('// typed at once');
		await expect(editor.getByRole('tab', { name: 'main.js' })).toContainText('●');
	});

	test('the model catalog is not part of opening: it comes in idle time, after the agent', async ({
		page
	}) => {
		// The catalog (prices and windows, ~75 KB gzip) was fetched and parsed while the IDE opened.
		// Now the idle prefetch asks for it once the agent's code is in: with that code held, an
		// opened IDE must not have asked for the catalog at all.
		expect(AGENT_CODE).toBeDefined();
		const held = await holdChunks(page, CATALOG, { agent: true });
		await page.goto(projectUrl);
		await page.waitForFunction(
			(names) => names.every((name) => performance.getEntriesByName(name).length > 0),
			[SHELL_PAINTED, 'kiln:files-ready', 'kiln:runtime-ready', 'kiln:chat-ready']
		);
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('$');
		await expect.poll(held.heldPaths).toContain(`/${AGENT_CODE!.fileName}`);
		expect(held.heldPackages()).toEqual([]);

		// Released, the agent's code arrives, and the next idle moment asks for the catalog.
		await held.release();
		await expect.poll(() => catalogRequested(page)).toBe(true);
	});

	test('Settings does not wait for the catalog, and its arrival keeps what was typed', async ({
		page,
		modelServer
	}) => {
		// Opened before anything else asked for the catalog, Settings fetches it itself. The fields
		// used to be filled from storage only once it arrived, wiping what had been typed by then.
		const held = await holdChunks(page, CATALOG, { agent: true });
		await page.goto(projectUrl);
		await page.waitForFunction(
			(name) => performance.getEntriesByName(name).length > 0,
			'kiln:chat-ready'
		);
		const dialog = await fillSettings(page, 'Anthropic', modelServer.url, {
			model: 'claude-sonnet-5'
		});
		await expect.poll(held.heldPackages).toContain('@pydantic/genai-prices');

		// The catalog arrives: the model's window shows, and the typing is still there.
		await held.release();
		await expect(dialog.getByRole('textbox', { name: 'Context window' })).toHaveAttribute(
			'placeholder',
			/from the model catalog/
		);
		await expect(dialog.getByRole('textbox', { name: 'API key' })).toHaveValue(
			'sk-test-key-123456'
		);
		await expect(dialog.getByRole('textbox', { name: 'Base URL' })).toHaveValue(modelServer.url);
		await dialog.getByRole('button', { name: 'Save' }).click();
		await expect(dialog).toBeHidden();
	});
});

/** The chunk holding xterm itself. */
const XTERM_CODE = `/${chunks.find(containing(/node_modules\/@xterm\/xterm\//))?.fileName}`;

/** Whether the script at `path` has arrived (resource timing lists a response once it has ended). */
function arrived(page: Page, path: string): Promise<boolean> {
	return page.evaluate(
		(wanted) =>
			performance
				.getEntriesByType('resource')
				.some((entry) => new URL(entry.name).pathname === wanted),
		path
	);
}

const CATALOG = /^@pydantic\/genai-prices$/;

/** Whether a script holding the model catalog was requested (resource timing sees released routes). */
function catalogRequested(page: Page): Promise<boolean> {
	return page
		.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((entry) => new URL(entry.name).pathname)
				.filter((path) => path.endsWith('.js'))
		)
		.then((paths) => paths.some((path) => owners(path).some((owner) => CATALOG.test(owner))));
}

test("the early reads' code needs nothing of Svelte (it runs before SvelteKit's entry has arrived)", () => {
	const start = chunks.find(containing(/src\/lib\/state\/early-open-start\.ts$/));
	expect(start, 'no chunk holds state/early-open-start.ts').toBeDefined();
	const closure = [...closureOf([start!])];
	const svelte = closure.filter((path) => owners(path).includes('svelte'));
	expect(svelte, `chunks of Svelte's runtime in the early reads' imports`).toEqual([]);
	// Storage and the project's reads are in it: the test looks at the right closure.
	expect(closure.flatMap(owners)).toContain('idb-keyval');
});

test("no chunk holds full zod, and the agent's tools have their own zod/mini", () => {
	// The client build gives each user of zod/mini a copy of zod's files of its own, tagged
	// ?zod-mini, ?zod-tools or ?zod-share (tooling/zod-mini-copy.ts): an untagged zod module would
	// be full zod, a second and larger copy of its core.
	const untagged = chunks.flatMap((chunk) =>
		chunk.modules
			.filter((module) => /\/node_modules\/zod\/.*\.js$/.test(module.id))
			.map((module) => `${chunk.fileName}: ${module.id.replace(/^.*\/node_modules\//, '')}`)
	);
	expect(untagged).toEqual([]);
	expect(AGENT_CODE, 'no chunk holds agent/agent.ts').toBeDefined();
	const agentModules = [...closureOf([AGENT_CODE!])].flatMap(
		(path) => byPath.get(path)?.modules.map((module) => module.id) ?? []
	);
	expect(agentModules.some((id) => /src\/lib\/tools\/registry\.ts$/.test(id))).toBe(true);
	expect(agentModules.some((id) => /zod\/v4\/core\/.*\?zod-tools$/.test(id))).toBe(true);
});

test("the agent's code does not carry the outline's grammars: they load apart, each on its own", () => {
	// Evaluated with the agent's code, the four parsers made its evaluation one 50-60 ms task at
	// 4x CPU on a first send (agent/project/outline/load-outliner.ts).
	const grammars = /node_modules\/@lezer\/(javascript|css|html|markdown)\//;
	const agentModules = [...closureOf([AGENT_CODE!])].flatMap(
		(path) => byPath.get(path)?.modules.map((module) => module.id) ?? []
	);
	expect(agentModules.some((id) => /agent\/project\/project-map\.ts$/.test(id))).toBe(true);
	expect(agentModules.filter((id) => grammars.test(id))).toEqual([]);
	// The outliner imports them dynamically.
	const loader = chunks.find(containing(/outline\/load-outliner\.ts$/));
	expect(loader, 'no chunk holds load-outliner.ts').toBeDefined();
	const reached = [...closureOf(chunks.filter((c) => loader!.dynamicImports.includes(c.fileName)))]
		.flatMap((path) => byPath.get(path)?.modules.map((module) => module.id) ?? [])
		.map((id) => grammars.exec(id)?.[1])
		.filter((name) => name !== undefined);
	expect(new Set(reached)).toEqual(new Set(['javascript', 'css', 'html', 'markdown']));
});

test('the view of a very long message is fetched when one shows, not with the shell', () => {
	const route = ROUTE_CLOSURE;
	const longMessage = chunks.find(containing(/components\/chat\/LongMessage\.svelte$/));
	expect(longMessage, 'no chunk holds LongMessage.svelte').toBeDefined();
	expect(route.has(`/${longMessage!.fileName}`)).toBe(false);
	// The transcript itself is in the shell: the test looks at the right closure.
	const transcript = chunks.find(containing(/components\/chat\/ChatTurnView\.svelte$/));
	expect(route.has(`/${transcript!.fileName}`)).toBe(true);
});

test("the route bundle as the bench counts it (what SvelteKit imports for the IDE's route) is within the budget", () => {
	// `npm run bench:web`'s figure for issue 10's goal: SvelteKit's entries, the root layout and
	// error page, the route's node, and their static imports, as the server sends them. It can
	// differ from what arrived before the shell painted (the test above) by a kilobyte or two, and
	// went over unnoticed while only that one was checked.
	const routeChunk = chunks.find(containing(/routes\/project\/\[id\]\/\+page\.svelte$/));
	const routeNode = chunks.find(
		(chunk) =>
			/\/nodes\//.test(chunk.fileName) &&
			routeChunk !== undefined &&
			closureOf([chunk]).has(`/${routeChunk.fileName}`)
	);
	expect(routeNode, "no node imports the IDE's route").toBeDefined();
	// What the page loads at start, as the bench finds it loaded; the bench's own closure of it.
	const loaded = chunks
		.filter((chunk) => /\/(entry\/|nodes\/[01]\.)/.test(chunk.fileName) || chunk === routeNode)
		.map((chunk) => chunk.fileName);
	const files = routeBundle(chunks, loaded);
	// What the server sends: the .gz precompress.mjs wrote, or the file itself when it wrote none.
	const sent = (file: string) =>
		readFileSync(existsSync(`build/${file}.gz`) ? `build/${file}.gz` : `build/${file}`).length;
	const total = files.reduce((sum, path) => sum + sent(path), 0);
	expect(total, `the route bundle is ${kb(total)} gzip`).toBeLessThanOrEqual(SHELL_BUDGET_GZIP);
	expect(total).toBeGreaterThan(50 * 1024); // it did find the route's code
});

test("a project's page starts from a handful of scripts, not one per set of importers", () => {
	// On HTTP/1.1 (`npm start`, most hosts on a laptop) the browser fetches six files at a time and
	// handles each response on the page's busy main thread: Rollup's own chunking gave ~27 files
	// here. The build's second pass (scripts/build.mjs, tooling/chunk-plan.ts) groups them by the
	// pages that load them.
	const start = chunks.find(containing(/src\/lib\/state\/early-open-start\.ts$/));
	expect(start, 'no chunk holds state/early-open-start.ts').toBeDefined();
	const files = new Set([...ROUTE_CLOSURE, ...closureOf([start!])]);
	expect(files.size, [...files].join('\n')).toBeLessThanOrEqual(15);
	// The start's code is all in them: Svelte, storage and the IDE's components.
	const owned = [...files].flatMap(owners);
	expect(owned).toEqual(expect.arrayContaining(['svelte', 'idb-keyval', 'app']));
});
