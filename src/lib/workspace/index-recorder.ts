import { basename, dirname } from '../runtime';
import type { Step } from './change-feed';
import { describeContent, encodeText } from './content';
import type { DirEntryNode, FileEntryNode, FileIndex } from './file-index';
import { GITIGNORE, GitignoreRules, isOpaqueName } from './gitignore';
import type { SaveTracker } from './save-tracker';
import type { SkippedLinks } from './skipped-links';
import { isPlainText, textFileNode } from './snapshot-index';

/**
 * The only place the index changes. Each update records the change on its step (for
 * subscribers) and its save (for persistence) together, so the index, what subscribers were
 * told and what storage holds cannot drift apart. It also keeps ignored flags in step with the
 * .gitignore files it indexes.
 */
export class IndexRecorder {
	readonly #index: FileIndex;
	readonly #skipped: SkippedLinks;
	readonly #saver: SaveTracker;
	readonly #gitignore = new GitignoreRules();

	constructor(index: FileIndex, skipped: SkippedLinks, saver: SaveTracker) {
		this.#index = index;
		this.#skipped = skipped;
		this.#saver = saver;
	}

	/** Indexes the parents of a path that exists in the runtime (some runtimes report only leaves). */
	indexAncestors(path: string, step: Step): void {
		const parts = path.split('/');
		for (let depth = 1; depth < parts.length; depth++) {
			this.recordDir(parts.slice(0, depth).join('/'), step);
		}
	}

	recordDir(path: string, step: Step, real?: string): DirEntryNode {
		const existing = this.#index.get(path);
		if (existing?.type === 'directory') {
			if (real !== undefined) existing.realPath = real === path ? undefined : real;
			return existing;
		}
		const node: DirEntryNode = {
			type: 'directory',
			path,
			...(real !== undefined && real !== path ? { realPath: real } : {}),
			opaque: isOpaqueName(path),
			ignored: this.#isIgnored(path, 'directory')
		};
		this.#index.set(node);
		step.changes.push({ type: 'mkdir', path, origin: step.origin });
		if (!node.opaque) this.#saver.save(step, (persistence) => persistence.putDir(path));
		return node;
	}

	recordFile(
		path: string,
		bytes: Uint8Array,
		mtimeMs: number,
		step: Step,
		knownHash?: number
	): void {
		const existing = this.#index.get(path);
		const info = describeContent(bytes, knownHash);
		if (existing?.type === 'file' && existing.hash === info.hash && existing.size === info.size) {
			// Same bytes: our own write coming back through watch, or a touch. Nothing to tell.
			existing.mtimeMs = mtimeMs;
			return;
		}
		const node: FileEntryNode = {
			type: 'file',
			path,
			ignored: this.#isIgnored(path, 'file'),
			size: info.size,
			mtimeMs,
			hash: info.hash,
			binary: info.binary,
			text: info.text,
			textIsExact: info.textIsExact
		};
		this.#index.set(node);
		step.changes.push({ type: 'change', path, origin: step.origin });
		const data = info.text !== undefined && info.textIsExact ? info.text : bytes;
		this.#saver.save(step, (persistence) => persistence.putFile(path, data, mtimeMs));
		if (basename(path) === GITIGNORE) {
			this.#gitignore.set(dirname(path), info.text ?? '');
			this.#refreshIgnored(dirname(path));
		}
	}

	/**
	 * Indexes a file the runtime was seeded with (its parents are indexed): stored text as it is,
	 * measured lazily; bytes, and text that is not plain, as a write of those bytes would be.
	 */
	restoreFile(
		path: string,
		data: string | Uint8Array,
		mtimeMs: number,
		step: Step,
		knownHash?: number
	): void {
		if (typeof data !== 'string') {
			this.recordFile(path, data, mtimeMs, step, knownHash);
			return;
		}
		if (!isPlainText(data)) {
			this.recordFile(path, encodeText(data), mtimeMs, step);
			return;
		}
		this.#index.set(textFileNode(path, data, mtimeMs, this.#isIgnored(path, 'file')));
		step.changes.push({ type: 'change', path, origin: step.origin });
		if (basename(path) === GITIGNORE) {
			this.#gitignore.set(dirname(path), data);
			this.#refreshIgnored(dirname(path));
		}
	}

	/**
	 * Drops `path` and its subtree from the index (and from storage). `silent` leaves subscribers
	 * untold, for a path about to be recorded again as something else.
	 */
	forget(path: string, step: Step, { silent = false } = {}): void {
		this.#skipped.deleteWithin(path);
		if (!this.#index.get(path)) return;
		const removed = this.#index.delete(path);
		if (!silent) step.changes.push({ type: 'remove', path, origin: step.origin });
		this.#saver.save(step, (persistence) => persistence.deleteTree(path));
		const lostRules = removed.some(
			(node) => node.type === 'file' && basename(node.path) === GITIGNORE
		);
		if (lostRules) {
			this.#gitignore.deleteWithin(path);
			if (basename(path) === GITIGNORE) this.#gitignore.delete(dirname(path));
			this.#refreshIgnored(dirname(path));
		}
	}

	#isIgnored(path: string, type: 'file' | 'directory'): boolean {
		if (isOpaqueName(path)) return true;
		if (this.#index.get(dirname(path))?.ignored) return true;
		return this.#gitignore.matches(path, type);
	}

	/** Recomputes the ignored flag below `dir` after its rules changed (parents before children). */
	#refreshIgnored(dir: string): void {
		for (const node of this.#index.subtree(dir)) {
			if (node.path !== '') node.ignored = this.#isIgnored(node.path, node.type);
		}
	}
}
