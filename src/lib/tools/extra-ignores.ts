import ignore, { type Ignore } from 'ignore';
import { basename, dirname } from '../runtime';
import type { ToolWorkspace } from './types';

/** ripgrep's own ignore files, read on top of .gitignore (which the workspace already applies). */
const IGNORE_FILES = new Set(['.ignore', '.rgignore']);

/**
 * A test for paths excluded by .ignore / .rgignore files, as ripgrep reads them. It only adds
 * exclusions: a `!pattern` re-includes what an earlier .ignore rule excluded, not a gitignored
 * file (the workspace has already dropped those).
 */
export function extraIgnores(
	workspace: Pick<ToolWorkspace, 'allFiles' | 'peekText'>
): (path: string) => boolean {
	const rules = new Map<string, Ignore>();
	for (const file of workspace.allFiles()) {
		if (!IGNORE_FILES.has(basename(file.path)) || file.ignored) continue;
		const text = workspace.peekText(file.path);
		if (text === undefined) continue;
		const dir = dirname(file.path);
		const existing = rules.get(dir) ?? ignore({ allowRelativePaths: true });
		// .ignore first, .rgignore after it: the later file's rules win, as in ripgrep.
		rules.set(dir, existing.add(text));
	}
	if (rules.size === 0) return () => false;
	return (path) => {
		const parts = path.split('/');
		let ignored = false;
		for (let depth = 0; depth < parts.length; depth++) {
			const matcher = rules.get(parts.slice(0, depth).join('/'));
			if (!matcher) continue;
			// Folders on the way count too: an excluded folder excludes what is in it.
			for (let end = depth + 1; end <= parts.length; end++) {
				const relative = parts.slice(depth, end).join('/');
				const result = matcher.test(end < parts.length ? relative + '/' : relative);
				if (result.ignored) ignored = true;
				else if (result.unignored) ignored = false;
				if (ignored && end < parts.length) return true;
			}
		}
		return ignored;
	};
}
