import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	buildShareLink,
	collectShareFiles,
	describeLeftOut,
	describeLinkFit,
	linkFit,
	LINK_HARD_LIMIT,
	LINK_SOFT_LIMIT,
	openSharedProject,
	readShareLink,
	sessionToJson,
	shareLinkFor,
	shareLinkSize,
	ShareLinkError,
	type ShareSource
} from '../../../src/lib/share';
import * as storage from '../../../src/lib/storage';
import { getTemplate } from '../../../src/lib/templates';
import { freshIndexedDb } from '../storage/reset';
import { sampleEvents } from './session-fixture';

beforeEach(freshIndexedDb);

const bytes = (s: string) => new TextEncoder().encode(s);

/** A workspace as the share code sees it: an index of files and folders, some ignored. */
function fakeSource(
	files: Record<string, Uint8Array>,
	{ ignored = [] as string[], dirs = [] as string[], opaque = [] as string[] } = {}
): ShareSource {
	const isIgnored = (path: string) => ignored.includes(path) || opaque.includes(path);
	const allDirs = new Set([...dirs, ...opaque]);
	for (const path of Object.keys(files)) {
		const parts = path.split('/');
		for (let i = 1; i < parts.length; i++) allDirs.add(parts.slice(0, i).join('/'));
	}
	return {
		allFiles: () => Object.keys(files).map((path) => ({ path, ignored: isIgnored(path) })),
		listDir: (dir) => {
			const prefix = dir === '' ? '' : dir + '/';
			const children = [...allDirs, ...Object.keys(files)].filter(
				(path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')
			);
			if (opaque.includes(dir)) return [];
			return children.map((path) => ({
				path,
				ignored: isIgnored(path),
				type: allDirs.has(path) ? ('directory' as const) : ('file' as const)
			}));
		},
		readBytes: async (path) => files[path]!
	};
}

describe('collecting the files to share', () => {
	it('leaves out node_modules, .git and ignored files, keeps empty folders, and says so', async () => {
		const source = fakeSource(
			{
				'index.html': bytes('<h1>hi</h1>'),
				'dist/out.js': bytes('built'),
				'.env': bytes('SECRET=1'),
				'src/a.ts': bytes('export {}')
			},
			{ ignored: ['dist', '.env'], dirs: ['empty', 'dist'], opaque: ['node_modules', '.git'] }
		);
		const collected = await collectShareFiles(source);
		expect(Object.keys(collected.files).sort()).toEqual(['index.html', 'src/a.ts']);
		expect(collected.dirs).toEqual(['empty']);
		expect(collected.leftOutDirs.sort()).toEqual(['.git', 'dist', 'node_modules']);
		expect(collected.leftOutFiles).toEqual(['.env']);
		const said = describeLeftOut(collected);
		for (const name of ['node_modules', '.git', 'dist', '.env']) expect(said).toContain(name);
	});
});

describe('link limits', () => {
	it('tells where a link of each length works', () => {
		expect(linkFit(1_500)).toBe('anywhere');
		expect(linkFit(10_000)).toBe('most-chats');
		expect(linkFit(LINK_SOFT_LIMIT + 1)).toBe('too-long-for-chats');
		expect(linkFit(LINK_HARD_LIMIT + 1)).toBe('too-long');
		expect(describeLinkFit(LINK_SOFT_LIMIT + 1)).toMatch(/Chat apps may cut.*export/);
		expect(describeLinkFit(LINK_HARD_LIMIT + 1)).toMatch(/too big for a link.*Firefox.*Export/);
	});

	it('stays below Firefox, the smallest browser limit (1 MiB), with room for the address', () => {
		expect(LINK_HARD_LIMIT).toBeLessThan(1_048_576 - 2_000);
		expect(LINK_SOFT_LIMIT).toBeLessThanOrEqual(28_000);
	});
});

describe('making and opening a link', () => {
	it('measures the Static site template, for the storage benchmark', async () => {
		const template = getTemplate('static-site')!;
		const link = await shareLinkFor(template.files, undefined, { name: 'Static site' });
		expect(link).toMatch(/^https:\/\/kiln\.example\/open#v1\.\d+\./);
		const size = await shareLinkSize(template.files);
		expect(size).toBeLessThan(LINK_SOFT_LIMIT);
		// Compressed: well under the template's own size in base64.
		const raw = Object.values(template.files).reduce((n, text) => n + bytes(text).length, 0);
		expect(size).toBeLessThan((raw * 4) / 3);
		const opened = await readShareLink(new URL(link).hash);
		for (const [path, text] of Object.entries(template.files)) {
			expect(new TextDecoder().decode(opened.project.files[path])).toBe(text);
		}
	});

	it('reports a project beyond what a link can carry, and offers no link', async () => {
		const random = new Uint8Array(1_000_000);
		let seed = 7;
		for (let i = 0; i < random.length; i++) {
			seed ^= seed << 13;
			seed ^= seed >>> 17;
			seed ^= seed << 5;
			random[i] = seed & 0xff;
		}
		const built = await buildShareLink({
			source: fakeSource({ 'noise.bin': random }),
			name: 'big',
			sessionId: null,
			openPage: 'http://localhost/open'
		});
		expect(built.fit).toBe('too-long');
		expect(built.url).toBe('');
		expect(built.chars).toBeGreaterThan(LINK_HARD_LIMIT);
	});

	it('carries the conversation into a new project, byte for byte with the files', async () => {
		const project = await storage.createProject({ name: 'p', template: 'blank', files: {} });
		const session = await storage.createSession(project.id, {
			provider: 'anthropic',
			model: 'claude-test',
			title: 'Blue heading'
		});
		for (const [seq, event] of sampleEvents().entries()) {
			await storage.appendSessionEvent(session.id, seq, event);
		}
		const files = { 'a.txt': bytes('ä'), 'b.bin': new Uint8Array([0, 255, 128]) };
		const built = await buildShareLink({
			source: fakeSource(files, { dirs: ['keep'] }),
			name: 'With chat',
			template: 'blank',
			sessionId: session.id,
			openPage: 'http://localhost:5173/base/open'
		});
		expect(built.url.startsWith('http://localhost:5173/base/open#v1.')).toBe(true);
		const opened = await readShareLink(new URL(built.url).hash);
		expect(opened.conversation?.title).toBe('Blue heading');
		expect(opened.conversation?.events).toEqual(sampleEvents());

		const id = await openSharedProject(opened);
		expect(await storage.getProject(id)).toMatchObject({ name: 'With chat', template: 'blank' });
		const snapshot = await storage.loadProjectSnapshot(id);
		expect(Object.keys(snapshot.files).sort()).toEqual(['a.txt', 'b.bin']);
		expect(Array.from(snapshot.files['b.bin'] as Uint8Array)).toEqual([0, 255, 128]);
		expect(snapshot.dirs).toContain('keep');
		const [restored] = await storage.listSessions(id);
		expect(restored?.title).toBe('Blue heading');
		expect(await storage.loadSessionEvents(restored!.id)).toEqual(sampleEvents());
	});

	it('refuses a link whose conversation is not a Kiln conversation', async () => {
		const link = await shareLinkFor({ 'a.txt': 'x' }, '{"format":"something-else"}');
		await expect(readShareLink(new URL(link).hash)).rejects.toBeInstanceOf(ShareLinkError);
		const good = sessionToJson({ title: 't', createdAt: 1, events: sampleEvents() });
		const fine = await shareLinkFor({ 'a.txt': 'x' }, good);
		expect((await readShareLink(new URL(fine).hash)).conversation?.title).toBe('t');
	});
});
