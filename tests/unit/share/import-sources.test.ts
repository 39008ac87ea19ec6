import { describe, expect, it } from 'vitest';
import {
	importDropped,
	importFiles,
	pathedFiles,
	readDroppedAsIs,
	type DroppedItems
} from '../../../src/lib/share';

function file(path: string, text: string): File {
	const name = path.split('/').at(-1)!;
	const made = new File([text], name);
	Object.defineProperty(made, 'webkitRelativePath', { value: path });
	return made;
}

/** A FileSystemEntry tree as Chrome hands it to a drop handler (readEntries answers in batches). */
function entry(
	name: string,
	content: string | Record<string, unknown>,
	walked: string[]
): FileSystemEntry {
	if (typeof content === 'string') {
		return {
			name,
			isFile: true,
			isDirectory: false,
			file: (resolve: (file: File) => void) => resolve(new File([content], name))
		} as unknown as FileSystemEntry;
	}
	const children = Object.entries(content).map(([child, value]) =>
		entry(child, value as string | Record<string, unknown>, walked)
	);
	return {
		name,
		isFile: false,
		isDirectory: true,
		createReader: () => {
			walked.push(name);
			let at = 0;
			return {
				readEntries: (resolve: (batch: FileSystemEntry[]) => void) => {
					resolve(children.slice(at, at + 2));
					at += 2;
				}
			};
		}
	} as unknown as FileSystemEntry;
}

describe('folder and file sources', () => {
	it('imports a picked folder without its top folder, leaving node_modules unread', async () => {
		const imported = await importFiles(
			pathedFiles([
				file('site/index.html', '<h1>x</h1>'),
				file('site/css/a.css', 'a{}'),
				file('site/node_modules/x/index.js', 'x'),
				file('site/.DS_Store', 'junk')
			]),
			{ name: 'site' }
		);
		expect(imported.name).toBe('site');
		expect(imported.files).toEqual({ 'index.html': '<h1>x</h1>', 'css/a.css': 'a{}' });
		expect(imported.skipped.map((item) => item.path).sort()).toEqual([
			'.DS_Store',
			'node_modules/'
		]);
	});

	it('walks a dropped folder in batches, keeps empty folders and skips node_modules unwalked', async () => {
		const walked: string[] = [];
		const dropped: DroppedItems = {
			entries: [
				entry(
					'app',
					{
						'a.txt': 'a',
						'b.txt': 'b',
						'c.txt': 'c',
						empty: {},
						node_modules: { 'x.js': 'x' },
						src: { 'main.ts': 'main' }
					},
					walked
				)
			],
			files: []
		};
		const asIs = await readDroppedAsIs(dropped);
		expect(Object.keys(asIs.files).sort()).toEqual([
			'app/a.txt',
			'app/b.txt',
			'app/c.txt',
			'app/src/main.ts'
		]);
		expect(asIs.dirs).toEqual(['app/empty']);
		expect(walked).not.toContain('node_modules');

		const asProject = await importDropped(dropped);
		expect(asProject.name).toBe('app');
		expect(Object.keys(asProject.files).sort()).toEqual(['a.txt', 'b.txt', 'c.txt', 'src/main.ts']);
	});

	it('refuses a dropped tree with more files than the limit', async () => {
		const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.txt`, 'x']));
		const dropped: DroppedItems = { entries: [entry('many', many, [])], files: [] };
		await expect(importDropped(dropped, { limits: { maxFiles: 5 } })).rejects.toThrow(
			/more than 5 files/
		);
	});
});
