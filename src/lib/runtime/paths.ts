import { RuntimeFsError } from './types';

/**
 * Normalises a project-relative path: `./src//a.ts` → `src/a.ts`, `/`, `.` and `` → ``.
 * A leading slash is read as the project root. Anything that climbs above the root is refused,
 * so no caller can reach outside the project through `..`.
 */
export function normalizePath(path: string): string {
	const parts: string[] = [];
	for (const part of path.replace(/\\/g, '/').split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0)
				throw new RuntimeFsError('EINVAL', path, `Path '${path}' is outside the project.`);
			parts.pop();
			continue;
		}
		parts.push(part);
	}
	return parts.join('/');
}

export function joinPath(...parts: string[]): string {
	return normalizePath(parts.filter((part) => part !== '').join('/'));
}

/** The parent of a normalised path; the root's parent is the root. */
export function dirname(path: string): string {
	const index = path.lastIndexOf('/');
	return index === -1 ? '' : path.slice(0, index);
}

export function basename(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** True when `path` is `ancestor` or lies below it. The root is everyone's ancestor. */
export function isWithin(path: string, ancestor: string): boolean {
	return ancestor === '' || path === ancestor || path.startsWith(ancestor + '/');
}

/**
 * Characters no file name needs and that make a name read as something else: control characters
 * (a line break splits a name in two), text-direction overrides and isolates (`evil<U+202E>gnp.js` reads
 * as `evilsj.png`) and zero-width characters (two names that look the same). A new RegExp each
 * call, since a global one carries its position between uses.
 */
export function deceptiveNameChars(): RegExp {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
	return /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
}
