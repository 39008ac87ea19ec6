/**
 * Paths read from a link are hostile: each must stay inside the new project. The import's
 * checks (absolute paths, "..", drive letters, control characters, node_modules and .git) apply,
 * and a link's paths must also be written exactly as Kiln writes them (no "./", "//" or "\\"),
 * since Kiln made the link: anything else was not.
 */
import { checkImportPath } from './import-paths';
import { ImportError } from './import-types';
import { MAX_PATH_CHARS } from './share-link-limits';
import { unsafe } from './share-link-errors';

/** Why `path` may not be written into a project, or null when it may. */
export function pathProblem(path: string): string | null {
	if (path === '') return 'an empty path';
	if (path.length > MAX_PATH_CHARS) return `a path longer than ${MAX_PATH_CHARS} characters`;
	let verdict: ReturnType<typeof checkImportPath>;
	try {
		verdict = checkImportPath(path);
	} catch (error) {
		if (error instanceof ImportError) return 'a path that leaves the project';
		throw error;
	}
	if (!verdict.ok) return `a path Kiln never shares (${verdict.reason})`;
	if (verdict.path !== path) return 'a path not written the way Kiln writes paths';
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
