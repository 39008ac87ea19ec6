import { normalizePath } from '../paths';

/** Where the project lives inside just-bash's filesystem. */
export const PROJECT_ROOT = '/project';

/** A project-relative path as just-bash sees it; throws EINVAL for paths above the root. */
export function toBashPath(path: string): string {
	const normalized = normalizePath(path);
	return normalized === '' ? PROJECT_ROOT : `${PROJECT_ROOT}/${normalized}`;
}

/** The project-relative form of an absolute just-bash path, or undefined outside the project. */
export function toProjectPath(absolute: string): string | undefined {
	const path = normalizeAbsolute(absolute);
	if (path === PROJECT_ROOT) return '';
	return path.startsWith(`${PROJECT_ROOT}/`) ? path.slice(PROJECT_ROOT.length + 1) : undefined;
}

/** `/a/./b//../c` → `/a/c`; `..` at `/` stays at `/`, as in any POSIX shell. */
export function normalizeAbsolute(path: string): string {
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return `/${parts.join('/')}`;
}

export function parentOf(absolute: string): string {
	const index = absolute.lastIndexOf('/');
	return index <= 0 ? '/' : absolute.slice(0, index);
}
