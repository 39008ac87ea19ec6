import { parseTar } from 'nanotar';
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';
import {
	fetchRepository,
	importZip,
	parseRepoReference,
	type ImportProgress
} from '../../../src/lib/share';

let server: MockModelServer;
const api = () => `${server.url}/api/v3`;
const logo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
const files = {
	'README.md': '# Demo ✓\n',
	'src/main.ts': 'console.log(1);\n',
	'assets/logo.png': logo,
	'node_modules/x/index.js': 'nope'
};

beforeAll(async () => {
	server = await startMockModelServer();
});
afterAll(() => server.close());
beforeEach(() =>
	server.setGitHub({
		repos: {
			'kiln/demo': { files, defaultBranch: 'trunk', refs: ['v1.0'] },
			'kiln/secret': { files, private: true },
			'kiln/huge': { files, sizeKb: 500 * 1024 },
			'kiln/nested': { files: { 'src/only.ts': 'x' } }
		}
	})
);

describe('GitHub repository import', () => {
	it('fetches the default branch through the tree and raw files, with progress', async () => {
		const progress: ImportProgress[] = [];
		const imported = await fetchRepository(parseRepoReference('kiln/demo'), {
			apiBase: api(),
			onProgress: (p) => progress.push(p)
		});
		expect(imported.name).toBe('demo');
		expect(imported.files['README.md']).toBe('# Demo ✓\n');
		expect(imported.files['src/main.ts']).toBe('console.log(1);\n');
		expect(Array.from(imported.files['assets/logo.png'] as Uint8Array)).toEqual(Array.from(logo));
		expect(imported.files['node_modules/x/index.js']).toBeUndefined();
		expect(imported.skipped).toEqual([{ path: 'node_modules/', reason: 'node_modules' }]);
		expect(progress.at(-1)).toMatchObject({ phase: 'Downloading kiln/demo', done: 3, total: 3 });
	});

	it('takes a ref from the URL and keeps a lone top folder', async () => {
		const demo = await fetchRepository(
			parseRepoReference('https://github.com/kiln/demo/tree/v1.0'),
			{
				apiBase: api()
			}
		);
		expect(Object.keys(demo.files).sort()).toEqual(['README.md', 'assets/logo.png', 'src/main.ts']);
		const nested = await fetchRepository(parseRepoReference('kiln/nested'), { apiBase: api() });
		expect(Object.keys(nested.files)).toEqual(['src/only.ts']);
	});

	it('says when the rate limit resets', async () => {
		const reset = Math.floor(Date.now() / 1000) + 25 * 60;
		server.setGitHub({ repos: {}, rateLimitedUntil: reset });
		await expect(
			fetchRepository(parseRepoReference('kiln/demo'), { apiBase: api() })
		).rejects.toThrow(/rate limit is used up.*resets at .* \(in 25 minutes\)/);
	});

	it('says a missing repository may be private', async () => {
		for (const name of ['kiln/missing', 'kiln/secret']) {
			await expect(fetchRepository(parseRepoReference(name), { apiBase: api() })).rejects.toThrow(
				new RegExp(`no public repository ${name}.*if it is private`)
			);
		}
	});

	it('refuses a repository over the size limit before downloading it', async () => {
		await expect(
			fetchRepository(parseRepoReference('kiln/huge'), { apiBase: api() })
		).rejects.toThrow(/kiln\/huge is too large to import: GitHub reports 500\.0 MB/);
		const raw = server.requests().filter((r) => r.path.startsWith('/raw/'));
		expect(raw).toEqual([]);
	});

	it('names a branch that does not exist', async () => {
		await expect(
			fetchRepository(parseRepoReference('kiln/demo@nope'), { apiBase: api() })
		).rejects.toThrow(/no branch, tag or commit “nope”/);
	});

	it('says when GitHub cannot be reached', async () => {
		await expect(
			fetchRepository(parseRepoReference('kiln/demo'), { apiBase: 'http://127.0.0.1:9/api/v3' })
		).rejects.toThrow(/could not reach 127\.0\.0\.1:9/);
	});

	it('serves real archives: a zipball imports with its top folder stripped', async () => {
		const zip = await fetch(`${api()}/repos/kiln/demo/zipball/trunk`);
		const imported = await importZip(await zip.blob(), 'demo.zip');
		expect(imported.files['src/main.ts']).toBe('console.log(1);\n');
		const tar = await fetch(`${api()}/repos/kiln/demo/tarball/trunk`);
		const entries = parseTar(gunzipSync(new Uint8Array(await tar.arrayBuffer())));
		expect(entries.map((entry) => entry.name)).toContain('kiln-demo-0123456/README.md');
	});
});

describe('repository references', () => {
	it.each([
		['owner/name', { owner: 'owner', name: 'name' }],
		['owner/name@dev', { owner: 'owner', name: 'name', ref: 'dev' }],
		['https://github.com/o/r', { owner: 'o', name: 'r' }],
		['github.com/o/r.git', { owner: 'o', name: 'r' }],
		['https://github.com/o/r/tree/feature/x', { owner: 'o', name: 'r', ref: 'feature/x' }]
	])('reads %s', (input, expected) => {
		expect(parseRepoReference(input)).toEqual(expected);
	});

	it.each(['', 'just-a-name', 'a/b/c', 'o/..', 'https://github.com/o', 'o/r@..'])(
		'refuses %j with a message',
		(input) => {
			expect(() => parseRepoReference(input)).toThrow(/not a GitHub repository Kiln can read/);
		}
	);
});
