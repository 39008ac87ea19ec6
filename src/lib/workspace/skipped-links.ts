/**
 * Symbolic links in walks. A folder reached through a link lies really at the link's target;
 * walking into a folder whose real path is already on the way down (the "chain") would go
 * round a loop for ever. Such links, and links out of the project, are left out of the index
 * and remembered here, so search and listings can say what they did not follow.
 */
import { dirname, isWithin } from '../runtime';
import { isFsError } from '../runtime';
import type { SkippedEntry } from './types';

export class SkippedLinks {
	readonly #entries = new Map<string, SkippedEntry>();

	/** `target` set: a loop back to that folder; absent: out of the project (or nowhere). */
	skip(path: string, reason: SkippedEntry['reason'], target?: string): void {
		this.#entries.set(
			path,
			reason === 'loop' && target !== undefined ? { path, reason, target } : { path, reason }
		);
	}

	delete(path: string): void {
		this.#entries.delete(path);
	}

	/** Forgets `path` and everything below it. */
	deleteWithin(path: string): void {
		for (const skipped of this.#entries.keys()) {
			if (isWithin(skipped, path)) this.#entries.delete(skipped);
		}
	}

	/** Forgets the children of `dir` that a fresh listing no longer has. */
	keepChildren(dir: string, present: ReadonlySet<string>): void {
		for (const skipped of this.#entries.keys()) {
			if (dirname(skipped) === dir && !present.has(skipped)) this.#entries.delete(skipped);
		}
	}

	list(): SkippedEntry[] {
		return [...this.#entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
	}
}

/** `parent/name` as a real project path ('' is the root). */
export function joinReal(parent: string, name: string): string {
	return parent === '' ? name : `${parent}/${name}`;
}

/**
 * The real paths of `path` and the folders above it, root first, from what the index knows:
 * `realPathOf` gives a folder's real path when it was reached through a link.
 */
export function realChain(
	path: string,
	realPathOf: (path: string) => string | undefined
): string[] {
	const chain = [''];
	if (path === '') return chain;
	const parts = path.split('/');
	for (let depth = 1; depth <= parts.length; depth++) {
		const real = realPathOf(parts.slice(0, depth).join('/'));
		chain.push(real ?? joinReal(chain.at(-1)!, parts[depth - 1]!));
	}
	return chain;
}

/** Why the runtime refused a path in a walk, or undefined for any other error. */
export function refusalReason(error: unknown): SkippedEntry['reason'] | undefined {
	if (isFsError(error, 'ELOOP')) return 'loop';
	if (isFsError(error, 'EACCES')) return 'outside';
	return undefined;
}
