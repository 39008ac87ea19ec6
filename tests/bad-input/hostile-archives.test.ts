/**
 * Hostile things a person can bring in (zips, folders, share links, session documents and
 * repositories): each is refused or trimmed with a message that says what happened and what to
 * do, and nothing of it is written.
 */
import { deflateSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../tooling/mock-model';
import {
	decodeShareFragment,
	encodeShareFragment,
	fetchRepository,
	importFiles,
	importZip,
	parseRepoReference,
	parseSessionDocument
} from '../../src/lib/share';
import { toBase64Url } from '../../src/lib/share/share-link-base64';
import { recordRow } from '../suite-table/row';

const encode = (text: string) => new TextEncoder().encode(text);
const blob = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);

/** What Kiln did with the input: the imported paths, or the message it refused it with. */
async function outcome(run: () => Promise<{ files: Record<string, unknown> }>): Promise<{
	files: string[] | null;
	said: string;
}> {
	try {
		const result = await run();
		const skipped = (result as { skipped?: { path: string; reason: string }[] }).skipped ?? [];
		const files = Object.keys(result.files).sort();
		const said = skipped.length
			? `imported ${files.join(', ')}; skipped ${skipped.map((s) => `${s.path} (${s.reason})`).join(', ')}`
			: `imported ${files.join(', ')}`;
		return { files, said };
	} catch (error) {
		return { files: null, said: `refused: ${error instanceof Error ? error.message : error}` };
	}
}

describe('hostile zips and folders', () => {
	const cases: [string, () => Promise<Uint8Array>][] = [
		[
			'zip bomb: 64 MB of zeros in a ~60 KB zip',
			async () => zipSync({ 'big.txt': new Uint8Array(64 * 1024 * 1024) }, { level: 9 })
		],
		[
			'zip with ../../.bashrc beside a real file',
			async () => zipSync({ 'ok.txt': encode('ok'), '../../.bashrc': encode('evil') })
		],
		['zip with an absolute path /etc/passwd', async () => zipSync({ '/etc/passwd': encode('x') })],
		['zip with a Windows path C:\\evil.bat', async () => zipSync({ 'C:\\evil.bat': encode('x') })],
		[
			'zip of 6,000 tiny files',
			async () =>
				zipSync(
					Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`f${i}.txt`, encode('x')]))
				)
		],
		[
			'zip cut in half',
			async () => {
				const whole = zipSync({ 'a.txt': encode('a'.repeat(5000)), 'b.txt': encode('b') });
				return whole.slice(0, whole.length >> 1);
			}
		],
		['not a zip at all (a PNG header)', async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])]
	];
	for (const [label, make] of cases) {
		test(label, async ({ task }) => {
			const bytes = await make();
			const result = await outcome(() => importZip(blob(bytes), 'upload.zip'));
			// Nothing hostile is ever imported; the only acceptable output is the refusal.
			expect(result.files).toBeNull();
			expect(result.said).toMatch(/refused: .*upload\.zip|refused: .*(zip|files|archive)/i);
			recordRow(task, {
				input: label,
				'what Kiln did': result.said,
				written: 'nothing'
			});
		});
	}

	test('folder with node_modules, .git, .DS_Store and a file named ../x', async ({ task }) => {
		const file = (name: string, text: string) => new File([text], name.split('/').pop()!);
		const result = await outcome(() =>
			importFiles(
				[
					{ path: 'app/index.html', file: file('index.html', '<h1>hi</h1>') },
					{ path: 'app/node_modules/left-pad/index.js', file: file('index.js', 'x') },
					{ path: 'app/.git/HEAD', file: file('HEAD', 'ref') },
					{ path: 'app/.DS_Store', file: file('.DS_Store', 'x') }
				],
				{ name: 'app' }
			)
		);
		expect(result.files).toEqual(['index.html']);
		recordRow(task, {
			input: 'folder with node_modules, .git and .DS_Store',
			'what Kiln did': result.said,
			written: 'index.html only'
		});
	});
});

describe('hostile share links', () => {
	let good = '';
	beforeAll(async () => {
		good = await encodeShareFragment({
			name: 'Demo',
			files: { 'index.html': encode('<h1>Hello</h1>'.repeat(200)), 'a/b.txt': encode('b') },
			dirs: []
		});
	});

	const forge = (packedLength: number, deflated: Uint8Array) => {
		const body = new Uint8Array(12 + deflated.length);
		new DataView(body.buffer).setUint32(0, packedLength);
		body.set(deflated, 12);
		const payload = toBase64Url(body);
		return `v1.${payload.length}.${payload}`;
	};

	const cases: [string, () => string][] = [
		['link cut to half its length', () => good.slice(0, good.length >> 1)],
		[
			'link with one character changed',
			() => good.slice(0, -8) + (good.at(-8) === 'A' ? 'B' : 'A') + good.slice(-7)
		],
		['link of a future format (v9)', () => good.replace(/^v1\./, 'v9.')],
		['not a link: random text', () => 'hello there'],
		['empty fragment', () => ''],
		[
			'decompression bomb: 64 MB of zeros declared as 100 bytes',
			() => forge(100, deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }))
		]
	];
	for (const [label, make] of cases) {
		test(label, async ({ task }) => {
			const said = await decodeShareFragment(make()).then(
				(project) => `opened ${Object.keys(project.files).join(', ')}`,
				(error: unknown) => `refused: ${error instanceof Error ? error.message : error}`
			);
			expect(said).toMatch(/^refused: /);
			// Every refusal tells the person what to do next.
			expect(said).toMatch(/ask|export|sender|whole link|share link/i);
			recordRow(task, { input: label, 'what Kiln did': said, written: 'nothing' });
		});
	}
});

describe('hostile session documents', () => {
	const cases: [string, string][] = [
		['session JSON that is not JSON', '{"format":"kiln-session",'],
		['session JSON of another app', JSON.stringify({ format: 'chatgpt-export', messages: [] })],
		[
			'session JSON with an event of an unknown shape',
			JSON.stringify({
				format: 'kiln-session',
				version: 1,
				title: 't',
				createdAt: 1,
				events: [{ type: 'user-message', text: 42 }]
			})
		]
	];
	for (const [label, text] of cases) {
		test(label, ({ task }) => {
			let said = 'accepted';
			try {
				parseSessionDocument(text);
			} catch (error) {
				said = `refused: ${error instanceof Error ? error.message : error}`;
			}
			expect(said).toMatch(/^refused: /);
			recordRow(task, { input: label, 'what Kiln did': said, written: 'nothing' });
		});
	}
});

describe('hostile repositories', () => {
	let server: MockModelServer;
	beforeAll(async () => {
		server = await startMockModelServer();
		server.setGitHub({
			repos: {
				'evil/escape': { files: { 'README.md': 'hi', '../outside.txt': 'evil' } },
				'evil/huge': { files: { 'README.md': 'hi' }, sizeKb: 2 * 1024 * 1024 },
				'evil/secret': { files: { 'README.md': 'hi' }, private: true }
			}
		});
	});
	afterAll(() => server.close());

	for (const [label, repo] of [
		['repository whose tree names ../outside.txt', 'evil/escape'],
		['repository of 2 GB', 'evil/huge'],
		['private repository (404 without a token)', 'evil/secret'],
		['repository that does not exist', 'evil/nothing']
	] as const) {
		test(label, async ({ task }) => {
			const result = await outcome(() =>
				fetchRepository(parseRepoReference(repo), { apiBase: `${server.url}/api/v3` })
			);
			expect(result.files === null || !result.files.some((path) => path.includes('..'))).toBe(true);
			if (repo !== 'evil/escape') expect(result.files).toBeNull();
			recordRow(task, {
				input: label,
				'what Kiln did': result.said,
				written: result.files ? result.files.join(', ') : 'nothing'
			});
		});
	}
});
