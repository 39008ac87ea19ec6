import { Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError, importZip } from '../../../src/lib/share';

const encode = (text: string) => new TextEncoder().encode(text);
const blob = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);

/** A zip whose entries carry no sizes in their headers (as streamed zips do). */
function streamedZip(name: string, data: Uint8Array): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const parts: Uint8Array[] = [];
		const zip = new Zip((error, chunk, final) => {
			if (error) return reject(error);
			parts.push(chunk);
			if (final) resolve(new Uint8Array(Buffer.concat(parts)));
		});
		const entry = new ZipDeflate(name, { level: 9 });
		zip.add(entry);
		entry.push(data, true);
		zip.end();
	});
}

describe('hostile zips', () => {
	it('refuses a zip bomb from the sizes it declares, before inflating', async () => {
		const bomb = zipSync({ 'big.txt': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
		expect(bomb.byteLength).toBeLessThan(100 * 1024);
		await expect(importZip(blob(bomb), 'bomb.zip')).rejects.toThrow(
			/bomb\.zip looks like a zip bomb \(“big\.txt” would grow from .* to 40\.0 MB\)/
		);
	});

	it('stops inflating an entry that unpacks to more than it declares', async () => {
		const zip = zipSync({ 'liar.txt': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
		// Local header: uncompressed size at offset 22; the central directory says the same lie.
		const view = new DataView(zip.buffer, zip.byteOffset);
		view.setUint32(22, 1000, true);
		const central = zip.length - 22 - 46 - 'liar.txt'.length;
		view.setUint32(central + 24, 1000, true);
		await expect(importZip(blob(zip), 'liar.zip')).rejects.toThrow(
			/liar\.zip looks like a zip bomb \(“liar\.txt” unpacks to more than the 1000 B it declares\)/
		);
	});

	it('stops inflating when sizes are not declared and the bytes pour out', async () => {
		const zip = await streamedZip('stream.bin', new Uint8Array(30 * 1024 * 1024));
		const error = await importZip(blob(zip), 'streamed.zip').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as Error).message).toMatch(/streamed\.zip looks like a zip bomb/);
	});

	it.each([
		['../evil.txt', /climbs out of the project/],
		['a/../../evil.txt', /climbs out of the project/],
		['/etc/passwd', /absolute path/],
		['C:\\Windows\\evil.txt', /absolute path/]
	])('refuses a zip naming %s', async (name, message) => {
		const zip = zipSync({ 'ok.txt': encode('ok'), [name]: encode('evil') });
		await expect(importZip(blob(zip), 'evil.zip')).rejects.toThrow(message);
		await expect(importZip(blob(zip), 'evil.zip')).rejects.toThrow(/Nothing was imported/);
	});

	it('skips junk and installed folders and lists each once', async () => {
		const zip = zipSync({
			'proj/index.html': encode('hi'),
			'proj/.DS_Store': encode('x'),
			'__MACOSX/proj/._index.html': encode('x'),
			'proj/node_modules/a/index.js': encode('x'),
			'proj/node_modules/b/index.js': encode('x'),
			'proj/.git/HEAD': encode('x')
		});
		const imported = await importZip(blob(zip), 'proj.zip');
		expect(imported.files).toEqual({ 'index.html': 'hi' });
		expect(imported.skipped).toEqual(
			expect.arrayContaining([
				{ path: '.DS_Store', reason: 'junk' },
				{ path: '__MACOSX/', reason: 'junk' },
				{ path: 'node_modules/', reason: 'node_modules' },
				{ path: '.git/', reason: '.git' }
			])
		);
		expect(imported.skipped).toHaveLength(4);
	});

	it('strips one top folder (GitHub zips) but not when there are several', async () => {
		const one = await importZip(
			blob(zipSync({ 'repo-main/': new Uint8Array(0), 'repo-main/a/b.txt': encode('b') })),
			'x.zip'
		);
		expect(one.files).toEqual({ 'a/b.txt': 'b' });
		expect(one.name).toBe('repo-main');
		const two = await importZip(
			blob(zipSync({ 'a/x.txt': encode('x'), 'b.txt': encode('b') })),
			'x.zip'
		);
		expect(Object.keys(two.files).sort()).toEqual(['a/x.txt', 'b.txt']);
	});

	it('enforces the file count and total size limits', async () => {
		const files = Object.fromEntries(
			Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, encode('x'.repeat(100))])
		);
		const zip = zipSync(files);
		await expect(importZip(blob(zip), 'many.zip', { limits: { maxFiles: 3 } })).rejects.toThrow(
			/more than 3 files/
		);
		await expect(
			importZip(blob(zip), 'big.zip', { limits: { maxTotalBytes: 250 } })
		).rejects.toThrow(/more than 250 B of files/);
		const ok = await importZip(blob(zip), 'ok.zip', { limits: { maxFiles: 5 } });
		expect(Object.keys(ok.files)).toHaveLength(5);
	});

	it('refuses what is not a zip, and a zip cut short', async () => {
		await expect(importZip(blob(encode('hello')), 'notes.zip')).rejects.toThrow(
			/notes\.zip is not a zip archive/
		);
		const zip = zipSync({ 'a.bin': crypto.getRandomValues(new Uint8Array(50_000)) });
		expect(zip.byteLength).toBeGreaterThan(40_000);
		await expect(importZip(blob(zip.slice(0, 2000)), 'cut.zip')).rejects.toThrow(
			/cut\.zip ends before/
		);
	});
});
