import ignore, { type Ignore } from 'ignore';
import { basename } from '../runtime';

/** Folders that are shown but never read: their content is installed or tool-owned, and huge. */
export const OPAQUE_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export const GITIGNORE = '.gitignore';

/** True for paths below a node_modules or .git folder (not for the folder itself). */
export function isInsideOpaque(path: string): boolean {
	const parts = path.split('/');
	for (let i = 0; i < parts.length - 1; i++) if (OPAQUE_DIRS.has(parts[i]!)) return true;
	return false;
}

export function isOpaqueName(path: string): boolean {
	return OPAQUE_DIRS.has(basename(path));
}

/**
 * The .gitignore files of a project, by the folder they sit in. Rules of a deeper file win
 * over those above it, as in git.
 */
export class GitignoreRules {
	readonly #byDir = new Map<string, Ignore>();

	set(dir: string, text: string): void {
		this.#byDir.set(dir, ignore({ allowRelativePaths: true }).add(text));
	}

	delete(dir: string): boolean {
		return this.#byDir.delete(dir);
	}

	/** Forgets every .gitignore at or below `dir`. Returns whether any was known. */
	deleteWithin(dir: string): boolean {
		let any = false;
		for (const key of [...this.#byDir.keys()]) {
			if (dir === '' || key === dir || key.startsWith(dir + '/')) {
				this.#byDir.delete(key);
				any = true;
			}
		}
		return any;
	}

	/**
	 * Whether the rules above `path` ignore it. The caller handles inheritance: anything inside an
	 * ignored folder is ignored whatever these rules say (git cannot re-include it either).
	 */
	matches(path: string, type: 'file' | 'directory'): boolean {
		if (this.#byDir.size === 0) return false;
		let ignored = false;
		const parts = path.split('/');
		for (let depth = 0; depth < parts.length; depth++) {
			const dir = parts.slice(0, depth).join('/');
			const rules = this.#byDir.get(dir);
			if (!rules) continue;
			const relative = parts.slice(depth).join('/');
			const result = rules.test(type === 'directory' ? relative + '/' : relative);
			if (result.ignored) ignored = true;
			else if (result.unignored) ignored = false;
		}
		return ignored;
	}
}
