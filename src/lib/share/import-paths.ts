/**
 * Which names an import may write. Archives and folders come from anywhere: a name that climbs
 * out of the project (`..`) or is absolute refuses the whole import (the archive was made to
 * attack, or is broken); junk that tools add and folders that are installed, not written
 * (node_modules, .git), are left out and listed.
 */
import { ImportError, type SkipReason } from './import-types';

const JUNK_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const JUNK_DIRS = new Set(['__MACOSX']);

export type PathVerdict = { ok: true; path: string } | { ok: false; reason: SkipReason };

/** Checks one name as the source wrote it; throws ImportError for names that escape. */
export function checkImportPath(raw: string): PathVerdict {
	const slashed = raw.replaceAll('\\', '/');
	if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed.startsWith('//')) {
		throw new ImportError(
			`Refused: the archive names an absolute path (“${raw}”), which would write outside the ` +
				'project. Nothing was imported; check where the archive came from.'
		);
	}
	const parts = slashed.split('/').filter((part) => part !== '' && part !== '.');
	if (parts.includes('..')) {
		throw new ImportError(
			`Refused: “${raw}” climbs out of the project with “..”, as a zip made to overwrite other ` +
				'files does. Nothing was imported; check where the archive came from.'
		);
	}
	if (parts.some((part) => JUNK_DIRS.has(part)) || JUNK_NAMES.has(parts.at(-1) ?? '')) {
		return { ok: false, reason: 'junk' };
	}
	if (parts.includes('node_modules')) return { ok: false, reason: 'node_modules' };
	if (parts.includes('.git')) return { ok: false, reason: '.git' };
	// Control characters and NUL cannot be stored as names everywhere and hide what a file is.
	if (parts.some(hasControlCharacter)) {
		return { ok: false, reason: 'unsafe-name' };
	}
	return { ok: true, path: parts.join('/') };
}

/** The one folder every entry lies in (GitHub's zips and tarballs have one), or undefined. */
export function commonTopFolder(paths: readonly string[]): string | undefined {
	let top: string | undefined;
	for (const path of paths) {
		const slash = path.indexOf('/');
		if (slash === -1) return undefined;
		const first = path.slice(0, slash);
		if (top === undefined) top = first;
		else if (top !== first) return undefined;
	}
	return top;
}

export const SKIP_WORDS: Record<SkipReason, string> = {
	junk: 'system junk (__MACOSX, .DS_Store…)',
	node_modules: 'installed packages (node_modules): run npm install instead',
	'.git': 'git history (.git)',
	link: 'a link or special file',
	'unsafe-name': 'a name with control characters',
	conversation: 'a Kiln conversation (restored as a chat instead)',
	exists: 'already in the project (kept as it was)',
	unsaved: 'open in the editor with unsaved changes (save or close it first)',
	'too-large': 'larger than one file may be'
};

function hasControlCharacter(name: string): boolean {
	for (let i = 0; i < name.length; i++) {
		const code = name.charCodeAt(i);
		if (code < 32 || code === 127) return true;
	}
	return false;
}
