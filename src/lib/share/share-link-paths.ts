/**
 * Paths read from a link are hostile: each must stay inside the new project. Used until the
 * import path checks (item 5) are shared; the rules are the same: relative, no "." or ".."
 * segments, no drive letters, backslashes or control characters.
 */
import { MAX_PATH_CHARS } from './share-link-limits';
import { unsafe } from './share-link-errors';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `path` may not be written into a project, or null when it may. */
export function pathProblem(path: string): string | null {
	if (path === '') return 'an empty path';
	if (path.length > MAX_PATH_CHARS) return `a path longer than ${MAX_PATH_CHARS} characters`;
	if (path.startsWith('/')) return 'an absolute path';
	if (/^[a-zA-Z]:/.test(path)) return 'a drive path';
	if (path.includes('\\')) return 'a path with a backslash';
	if (CONTROL.test(path)) return 'a path with control characters';
	for (const segment of path.split('/')) {
		if (segment === '') return 'a path with an empty folder name';
		if (segment === '.' || segment === '..') return 'a path that leaves the project';
	}
	return null;
}

/**
 * Refuses unsafe paths, duplicates, and a path that is both a file and a folder (which no
 * project can hold). Shows the first offender, clipped, so the person can tell the sender.
 */
export function checkSharedPaths(files: readonly string[], dirs: readonly string[]): void {
	const seen = new Set<string>();
	const fileSet = new Set(files);
	for (const path of [...files, ...dirs]) {
		const problem = pathProblem(path);
		if (problem) throw unsafe(`it holds ${problem} (${clip(path)})`);
		if (seen.has(path)) throw unsafe(`it holds "${clip(path)}" twice`);
		seen.add(path);
	}
	for (const path of [...files, ...dirs]) {
		const parts = path.split('/');
		for (let i = 1; i < parts.length; i++) {
			const parent = parts.slice(0, i).join('/');
			if (fileSet.has(parent)) throw unsafe(`"${clip(parent)}" is both a file and a folder`);
		}
	}
}

function clip(path: string): string {
	// eslint-disable-next-line no-control-regex
	const printable = path.replace(/[\u0000-\u001f\u007f]/g, '?');
	return printable.length > 80 ? `${printable.slice(0, 77)}…` : printable;
}
