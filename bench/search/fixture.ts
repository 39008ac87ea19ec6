/**
 * The tree bench:search searches: source files (.js .mjs .cjs .ts .mts .json .md) of the
 * packages in this checkout's node_modules, in package-name order, up to FILE_LIMIT files,
 * copied once into a temporary folder under packages/<name>/ (no node_modules in the copy's
 * paths, so the workspace and ripgrep both search all of it). A marker file names what was
 * copied; a copy that matches it is reused.
 */
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const FILE_LIMIT = 10_000;
const EXTENSIONS = /\.(js|mjs|cjs|ts|mts|json|md)$/;
const MARKER = '.kiln-bench-fixture.json';

export interface SearchFixture {
	readonly dir: string;
	readonly files: number;
	readonly bytes: number;
	readonly packages: number;
	readonly reused: boolean;
}

export async function searchFixture(repoRoot: string): Promise<SearchFixture> {
	const dir = join(tmpdir(), 'kiln-bench-search');
	const marker = join(dir, MARKER);
	const previous = await readFile(marker, 'utf8').then(
		(text) => JSON.parse(text) as Omit<SearchFixture, 'dir' | 'reused'> & { limit: number },
		() => undefined
	);
	if (previous?.limit === FILE_LIMIT) return { ...previous, dir, reused: true };

	await rm(dir, { recursive: true, force: true });
	const source = join(repoRoot, 'node_modules');
	const files: string[] = [];
	const packages = new Set<string>();
	for (const pkg of await packageDirs(source)) {
		for (const file of await sourceFiles(join(source, pkg))) {
			if (files.length >= FILE_LIMIT) break;
			files.push(join(pkg, file));
			packages.add(pkg);
		}
		if (files.length >= FILE_LIMIT) break;
	}
	let bytes = 0;
	for (const file of files) {
		const target = join(dir, 'packages', file);
		await mkdir(dirname(target), { recursive: true });
		await copyFile(join(source, file), target);
		bytes += (await stat(target)).size;
	}
	const summary = { files: files.length, bytes, packages: packages.size, limit: FILE_LIMIT };
	await writeFile(marker, JSON.stringify(summary));
	return { ...summary, dir, reused: false };
}

/** `name` and `@scope/name` folders, sorted. */
async function packageDirs(source: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(source, { withFileTypes: true })) {
		if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
		if (!entry.name.startsWith('@')) out.push(entry.name);
		else {
			for (const inner of await readdir(join(source, entry.name), { withFileTypes: true })) {
				if (inner.isDirectory()) out.push(`${entry.name}/${inner.name}`);
			}
		}
	}
	return out.sort();
}

/** A package's source files (not its own node_modules or hidden folders), sorted. */
async function sourceFiles(pkg: string): Promise<string[]> {
	const entries = await readdir(pkg, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && EXTENSIONS.test(entry.name))
		.map((entry) => relative(pkg, join(entry.parentPath, entry.name)))
		.filter(
			(path) => !path.split(/[\\/]/).some((part) => part === 'node_modules' || part.startsWith('.'))
		)
		.sort();
}
