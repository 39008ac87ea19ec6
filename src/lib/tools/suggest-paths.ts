import { basename, dirname } from '../runtime';
import type { ToolWorkspace } from './types';

/**
 * Up to three indexed paths that look like what the model meant: the same name elsewhere, the
 * same name with other case or extension, or a name one or two typos away in the same folder.
 */
export function suggestPaths(workspace: ToolWorkspace, missing: string, limit = 3): string[] {
	const name = basename(missing).toLowerCase();
	const stem = stripExtension(name);
	const folder = dirname(missing);
	if (name === '') return [];
	const scored: { path: string; score: number }[] = [];
	for (const candidate of candidatePaths(workspace)) {
		const other = basename(candidate).toLowerCase();
		let score: number | undefined;
		if (other === name) score = 0;
		else if (stripExtension(other) === stem) score = 1;
		else if (dirname(candidate) === folder && editDistance(other, name, 2) <= 2) score = 2;
		else if (stem.length >= 4 && other.includes(stem)) score = 3;
		if (score === undefined) continue;
		// Prefer candidates near the folder the model had in mind.
		if (dirname(candidate) !== folder) score += 0.5;
		scored.push({ path: candidate, score });
	}
	return scored
		.sort((a, b) => a.score - b.score || a.path.length - b.path.length || cmp(a.path, b.path))
		.slice(0, limit)
		.map((entry) => entry.path);
}

function* candidatePaths(workspace: ToolWorkspace): Generator<string> {
	const seenDirs = new Set<string>();
	for (const file of workspace.allFiles()) {
		if (file.ignored) continue;
		yield file.path;
		for (let dir = dirname(file.path); dir !== '' && !seenDirs.has(dir); dir = dirname(dir)) {
			seenDirs.add(dir);
			yield dir;
		}
	}
}

function stripExtension(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			current.push(value);
			best = Math.min(best, value);
		}
		if (best > max) return max + 1;
		previous = current;
	}
	return previous[b.length]!;
}
