/**
 * The ways files arrive: a zip, a folder (from the picker, whose files carry webkitRelativePath,
 * or dropped, read through webkitGetAsEntry), or loose files. Each is read into one collector, so
 * the same names are refused and the same limits apply whichever way they came.
 */
import { ImportCollector } from './import-collect';
import type { ImportedFiles, ImportLimits, ProgressListener } from './import-types';
import { readZip } from './import-zip';
import { Breather } from './yield';

export interface ImportOptions {
	limits?: Partial<ImportLimits>;
	onProgress?: ProgressListener;
	signal?: AbortSignal;
}

function baseName(fileName: string): string {
	return fileName.replace(/\.zip$/i, '') || 'Imported project';
}

export function isZipName(name: string): boolean {
	return /\.zip$/i.test(name);
}

export async function importZip(
	zip: Blob,
	fileName: string,
	options: ImportOptions = {}
): Promise<ImportedFiles> {
	const collector = new ImportCollector(options.limits);
	await readZip(zip, fileName, collector, options);
	return collector.finish(baseName(fileName));
}

/** A file to import with the path it should have inside the project. */
export interface PathedFile {
	readonly path: string;
	readonly file: File;
}

/** Files from an <input type=file> (with webkitdirectory, each knows its path in the folder). */
export function pathedFiles(files: Iterable<File>): PathedFile[] {
	return [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Reads the files (skipping excluded names before reading them) into a project. */
export async function importFiles(
	files: readonly PathedFile[],
	options: ImportOptions & { name?: string } = {}
): Promise<ImportedFiles> {
	const collector = new ImportCollector(options.limits);
	await collectFiles(collector, files, [], options);
	return collector.finish(options.name ?? 'Imported files');
}

export async function collectFiles(
	collector: ImportCollector,
	files: readonly PathedFile[],
	dirs: readonly string[],
	options: ImportOptions = {}
): Promise<void> {
	const breather = new Breather();
	const what = 'the selection';
	for (const dir of dirs) collector.add({ kind: 'dir', path: dir }, what);
	for (const [index, { path, file }] of files.entries()) {
		if (collector.excludes(path)) continue;
		collector.reserve(file.size, what);
		const data = new Uint8Array(await file.arrayBuffer());
		collector.add({ kind: 'file', path, data }, what);
		options.onProgress?.({ phase: 'Reading files', done: index + 1, total: files.length });
		await breather.maybe(options.signal);
	}
}

/**
 * What was dropped, taken from the DataTransfer during the drop event (its items are gone once
 * the event handler returns); read later with readDropped.
 */
export interface DroppedItems {
	readonly entries: FileSystemEntry[];
	/** Files without an entry (browsers without webkitGetAsEntry). */
	readonly files: File[];
}

export function captureDrop(transfer: DataTransfer): DroppedItems {
	const entries: FileSystemEntry[] = [];
	const files: File[] = [];
	for (const item of transfer.items) {
		if (item.kind !== 'file') continue;
		const entry = item.webkitGetAsEntry?.();
		if (entry) entries.push(entry);
		else {
			const file = item.getAsFile();
			if (file) files.push(file);
		}
	}
	return { entries, files };
}

/** The dropped files and folders, walked; names that are excluded are not descended into. */
export async function readDropped(
	dropped: DroppedItems,
	collector: ImportCollector
): Promise<{ files: PathedFile[]; dirs: string[] }> {
	const files: PathedFile[] = pathedFiles(dropped.files);
	const dirs: string[] = [];
	const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
		if (collector.excludes(entry.isDirectory ? `${path}/x` : path)) return;
		if (entry.isFile) {
			const file = await new Promise<File>((resolve, reject) =>
				(entry as FileSystemFileEntry).file(resolve, reject)
			);
			files.push({ path, file });
			return;
		}
		if (!entry.isDirectory) return;
		const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
		if (children.length === 0) dirs.push(path);
		for (const child of children) await walk(child, `${path}/${child.name}`);
	};
	for (const entry of dropped.entries) await walk(entry, entry.name);
	return { files, dirs };
}

/** readEntries answers in batches (100 in Chrome) until it answers with none. */
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
	const all: FileSystemEntry[] = [];
	for (;;) {
		const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
			reader.readEntries(resolve, reject)
		);
		if (batch.length === 0) return all;
		all.push(...batch);
	}
}

/**
 * Dropped files and folders exactly as they are (a drop on the file tree: a zip stays a zip,
 * a dropped folder keeps its name).
 */
export async function readDroppedAsIs(
	dropped: DroppedItems,
	options: ImportOptions = {}
): Promise<ImportedFiles> {
	const collector = new ImportCollector(options.limits);
	const { files, dirs } = await readDropped(dropped, collector);
	await collectFiles(collector, files, dirs, options);
	return collector.finish('', { stripTop: false, session: false });
}

/** A drop on the Import dialog: one zip is unpacked; anything else is taken as files and folders. */
export async function importDropped(
	dropped: DroppedItems,
	options: ImportOptions = {}
): Promise<ImportedFiles> {
	const single = dropped.entries.length === 1 ? dropped.entries[0] : undefined;
	if (single?.isFile && isZipName(single.name)) {
		const file = await new Promise<File>((resolve, reject) =>
			(single as FileSystemFileEntry).file(resolve, reject)
		);
		return importZip(file, file.name, options);
	}
	if (dropped.entries.length === 0 && dropped.files.length === 1) {
		const file = dropped.files[0]!;
		if (isZipName(file.name)) return importZip(file, file.name, options);
	}
	const collector = new ImportCollector(options.limits);
	const { files, dirs } = await readDropped(dropped, collector);
	await collectFiles(collector, files, dirs, options);
	const name = single?.isDirectory ? single.name : 'Imported files';
	return collector.finish(name);
}
