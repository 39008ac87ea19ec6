import { describe, expect, it } from 'vitest';
import {
	exportProject,
	importZip,
	parseSessionDocument,
	type ImportedFiles
} from '../../../src/lib/share';
import { fakeWorkspace } from './fake-workspace';
import { sampleEvents } from './session-fixture';

const encode = (text: string) => new TextEncoder().encode(text);

function bytesOf(data: string | Uint8Array): number[] {
	return Array.from(typeof data === 'string' ? encode(data) : data);
}

function projectFiles(): Record<string, Uint8Array> {
	const binary = new Uint8Array(4096);
	for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
	return {
		'index.html': encode('<h1>Hello</h1>\n'),
		'src/main.ts': encode('export const x = 1;\r\n'),
		'bom.txt': encode('\uFEFFstarts with a byte-order mark'),
		'img/logo.png': binary,
		'empty.txt': new Uint8Array(0),
		'ünïcode/文件 名.md': encode('# 你好 ✓'),
		'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9])
	};
}

async function roundTrip(
	files: Record<string, Uint8Array>,
	dirs: string[] = []
): Promise<ImportedFiles> {
	const archive = await exportProject(fakeWorkspace(files, dirs), 'My project');
	expect(archive.fileName).toBe('My project.zip');
	return importZip(new Blob([archive.bytes as BlobPart]), archive.fileName);
}

describe('zip export and import', () => {
	it('gives back the same files, byte for byte, and the empty folders', async () => {
		const files = projectFiles();
		const imported = await roundTrip(files, ['empty-dir', 'deep/er/still']);
		expect(Object.keys(imported.files).sort()).toEqual(Object.keys(files).sort());
		for (const [path, data] of Object.entries(files)) {
			expect(bytesOf(imported.files[path]!), path).toEqual(Array.from(data));
		}
		expect(imported.dirs.sort()).toEqual(['deep/er/still', 'empty-dir']);
		expect(imported.skipped).toEqual([]);
		expect(imported.name).toBe('My project');
	});

	it('gives back a zip of several MiB whole, with entries across the reads of the file', async () => {
		// Incompressible bytes, so the zip is as large as the files and the 1 MiB reads fall inside
		// entries (and inside their headers, for some of the small files between them).
		let seed = 8;
		const noise = (size: number) => {
			const out = new Uint8Array(size);
			for (let i = 0; i < size; i++) {
				seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
				out[i] = seed >>> 24;
			}
			return out;
		};
		const files: Record<string, Uint8Array> = { 'README.md': encode('# Media\n') };
		for (let i = 0; i < 5; i++) {
			files[`media/big-${i}.bin`] = noise(700_000 + i * 1_001);
			for (let j = 0; j < 40; j++) files[`media/small-${i}-${j}.bin`] = noise(300 + j);
		}
		const imported = await roundTrip(files);
		expect(Object.keys(imported.files).sort()).toEqual(Object.keys(files).sort());
		const differing = Object.entries(files).filter(([path, data]) => {
			const got = imported.files[path]!;
			return !Buffer.from(typeof got === 'string' ? encode(got) : got).equals(data);
		});
		expect(differing.map(([path]) => path)).toEqual([]);
	}, 20_000);

	it('keeps text as text and other bytes as bytes', async () => {
		const imported = await roundTrip(projectFiles());
		expect(typeof imported.files['index.html']).toBe('string');
		expect(imported.files['img/logo.png']).toBeInstanceOf(Uint8Array);
		expect(imported.files['latin1.txt']).toBeInstanceOf(Uint8Array);
	});

	it('never exports node_modules or .git', async () => {
		const imported = await roundTrip({
			'a.txt': encode('a'),
			'node_modules/x/index.js': encode('x'),
			'.git/HEAD': encode('ref')
		});
		expect(Object.keys(imported.files)).toEqual(['a.txt']);
	});

	it('carries the conversation under .kiln/ and restores it from the JSON', async () => {
		const session = { title: 'Chat', createdAt: 1, events: sampleEvents() };
		const archive = await exportProject(fakeWorkspace({ 'a.txt': encode('a') }), 'p', {
			session,
			includeJson: true,
			includeMarkdown: true
		});
		const imported = await importZip(new Blob([archive.bytes as BlobPart]), 'p.zip');
		expect(Object.keys(imported.files)).toEqual(['a.txt']);
		expect(parseSessionDocument(imported.sessionJson!).events).toEqual(sampleEvents());
		expect(imported.skipped.map((item) => item.path).sort()).toEqual([
			'.kiln/session.json',
			'.kiln/session.md'
		]);
	});

	it('leaves the conversation out unless asked', async () => {
		const session = { title: 'Chat', createdAt: 1, events: sampleEvents() };
		const archive = await exportProject(fakeWorkspace({ 'a.txt': encode('a') }), 'p', { session });
		const imported = await importZip(new Blob([archive.bytes as BlobPart]), 'p.zip');
		expect(imported.sessionJson).toBeUndefined();
		expect(new TextDecoder().decode(archive.bytes)).not.toContain('kiln-session');
	});
});
