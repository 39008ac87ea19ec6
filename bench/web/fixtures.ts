/**
 * The project bench:web opens: by default bench:storage's fixture (2,000 files, 30 MB, one in ten
 * binary, same bytes every run), so "restore of 2,000 files" means the same thing in both benches.
 * `projectFixture` gives the files in Node; `seedProject` creates a project through the app's own
 * start page and then fills its files into IndexedDB in the page, generating them there (30 MB
 * never crosses the Playwright wire).
 */
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { build } from 'esbuild';
import {
	FIXTURE_DEFAULTS,
	generateFixture,
	type Fixture,
	type FixtureOptions
} from '../storage/fixture';

export { FIXTURE_DEFAULTS, type Fixture, type FixtureOptions };

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The files of the bench project (Node side), e.g. for a `getMany` reference of the same records. */
export function projectFixture(options: FixtureOptions = {}): Fixture {
	return generateFixture(options);
}

export interface SeededProject {
	id: string;
	/** The IDE's address for this project. */
	url: string;
	fileCount: number;
	totalBytes: number;
}

let generatorSource: Promise<string> | undefined;

/** The fixture generator bundled for the page (defines `globalThis.__kilnBenchFixture`). */
function fixtureGeneratorSource(): Promise<string> {
	generatorSource ??= build({
		stdin: {
			contents:
				"import { generateFixture } from './bench/storage/fixture';\nglobalThis.__kilnBenchFixture = generateFixture;",
			resolveDir: REPO,
			loader: 'ts'
		},
		bundle: true,
		format: 'iife',
		platform: 'browser',
		write: false
	}).then((result) => result.outputFiles[0]!.text);
	return generatorSource;
}

/**
 * Creates a Blank project on the start page as a person would, leaves the IDE (so no tab owns
 * the project), then writes the fixture's files and folders into the files store exactly as the
 * app stores them (`[projectId, path]` → `{ data, mtimeMs }` / `{ dir: true, mtimeMs }`). The
 * page is left on the start page of `appUrl`.
 */
export async function seedProject(
	page: Page,
	appUrl: string,
	options: { name?: string; fixture?: FixtureOptions } = {}
): Promise<SeededProject> {
	await page.goto(`${appUrl}/`);
	await page
		.getByRole('textbox', { name: 'Project name' })
		.fill(options.name ?? 'bench:web project');
	await page.getByRole('radio', { name: 'Blank' }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/project\/[\w-]+/, { timeout: 60_000 });
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible({ timeout: 60_000 });
	const id = new URL(page.url()).pathname.split('/').pop()!;
	await page.goto(`${appUrl}/`);

	await page.evaluate(await fixtureGeneratorSource());
	const fixture = { ...FIXTURE_DEFAULTS, ...options.fixture };
	const written = await page.evaluate(
		async ({ id, fixture }) => {
			type Generate = (options: typeof fixture) => {
				files: Record<string, string | Uint8Array>;
				fileCount: number;
				totalBytes: number;
			};
			const generate = (globalThis as unknown as { __kilnBenchFixture: Generate })
				.__kilnBenchFixture;
			const { files, fileCount, totalBytes } = generate(fixture);
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('kiln-project-files');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction('files', 'readwrite');
			const store = tx.objectStore('files');
			const mtimeMs = Date.now();
			const dirs = new Set<string>();
			for (const [path, data] of Object.entries(files)) {
				store.put({ data, mtimeMs }, [id, path]);
				const parts = path.split('/');
				for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
			}
			for (const dir of dirs) store.put({ dir: true, mtimeMs }, [id, dir]);
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error ?? new Error('the seeding transaction was aborted'));
			});
			db.close();
			return { fileCount, totalBytes };
		},
		{ id, fixture }
	);
	return { id, url: `${appUrl}/project/${id}`, ...written };
}
