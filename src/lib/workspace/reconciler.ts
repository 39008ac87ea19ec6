import { basename, dirname } from '../runtime';
import { isFsError, type DirEntry, type Runtime } from '../runtime';
import type { Step } from './change-feed';
import type { FileIndex } from './file-index';
import { GITIGNORE, isInsideOpaque, isOpaqueName } from './gitignore';
import type { IndexRecorder } from './index-recorder';
import { probe, probeFile, type Probe } from './probe';
import { joinReal, realChain, type SkippedLinks } from './skipped-links';

/**
 * Makes the index match what the runtime has at a path, walking folders and following symbolic
 * links unless they loop back or lead out of the project (those are remembered as skipped).
 * Comparing with the index is what makes the workspace's own writes, duplicate events and late
 * events produce no second notification.
 */
export class Reconciler {
	/** The runtime changes when the project moves (switchRuntime): always ask for the current one. */
	readonly #runtime: () => Runtime;
	readonly #index: FileIndex;
	readonly #skipped: SkippedLinks;
	readonly #recorder: IndexRecorder;

	constructor(
		runtime: () => Runtime,
		index: FileIndex,
		skipped: SkippedLinks,
		recorder: IndexRecorder
	) {
		this.#runtime = runtime;
		this.#index = index;
		this.#skipped = skipped;
		this.#recorder = recorder;
	}

	/** Re-reads `path` (a folder with everything below it); says what it found there. */
	async reconcile(path: string, step: Step): Promise<Probe['kind']> {
		if (path === '') {
			await this.reconcileDir('', step);
			return 'dir';
		}
		if (isInsideOpaque(path)) {
			// Runtimes that report only leaves would otherwise never show node_modules itself.
			const root = opaqueRoot(path);
			if (!this.#index.get(root)) await this.reconcile(root, step);
			return 'missing';
		}
		const found = await probe(this.#runtime().fs, path);
		const existing = this.#index.get(path);
		if (found.kind === 'skipped') {
			if (existing) this.#recorder.forget(path, step);
			this.#skipped.skip(path, found.reason);
			return 'missing';
		}
		this.#skipped.delete(path);
		if (found.kind === 'missing') {
			if (existing) this.#recorder.forget(path, step);
			return 'missing';
		}
		this.#recorder.indexAncestors(path, step);
		if (found.kind === 'file') {
			if (existing?.type === 'directory') this.#recorder.forget(path, step, { silent: true });
			this.#recorder.recordFile(path, found.bytes, found.mtimeMs, step);
			return 'file';
		}
		const chain = this.#realChain(dirname(path));
		const real = found.link ? found.link.target : joinReal(chain.at(-1)!, basename(path));
		if (real === undefined || chain.includes(real)) {
			if (existing) this.#recorder.forget(path, step);
			this.#skipped.skip(path, real === undefined ? 'outside' : 'loop', real);
			return 'missing';
		}
		if (existing?.type === 'file') this.#recorder.forget(path, step, { silent: true });
		const dir = this.#recorder.recordDir(path, step, real);
		if (!dir.opaque) await this.reconcileDir(path, step, [...chain, real]);
		return 'dir';
	}

	/** The real paths of `path` and the folders above it (see skipped-links.ts). */
	#realChain(path: string): string[] {
		return realChain(path, (dir) => {
			const node = this.#index.get(dir);
			return node?.type === 'directory' ? node.realPath : undefined;
		});
	}

	async reconcileDir(path: string, step: Step, chain = this.#realChain(path)): Promise<void> {
		let entries;
		try {
			entries = await this.#runtime().fs.readdir(path);
		} catch (error) {
			if (path !== '' && (isFsError(error, 'ENOENT') || isFsError(error, 'ENOTDIR'))) {
				this.#recorder.forget(path, step);
				return;
			}
			throw error;
		}
		const prefix = path === '' ? '' : path + '/';
		const present = new Set(entries.map((entry) => prefix + entry.name));
		for (const child of this.#index.childPaths(path)) {
			if (!present.has(child)) this.#recorder.forget(child, step);
		}
		this.#skipped.keepChildren(path, present);
		entries = entries.filter((entry) => this.#followable(prefix + entry.name, entry, chain, step));
		// The folder's own .gitignore first, so its siblings get the right ignored flag.
		const gitignore = entries.find((entry) => entry.name === GITIGNORE && entry.type === 'file');
		if (gitignore) await this.#reconcileEntry(prefix + GITIGNORE, gitignore, chain, step);
		await Promise.all(
			entries
				.filter((entry) => entry !== gitignore)
				.map((entry) => this.#reconcileEntry(prefix + entry.name, entry, chain, step))
		);
	}

	/**
	 * False for a link the walk must not follow (a loop back to a folder on `chain`, or a link out
	 * of the project): it is dropped from the index and remembered with the reason.
	 */
	#followable(path: string, entry: DirEntry, chain: readonly string[], step: Step): boolean {
		if (!entry.link) return true;
		const target = entry.link.target;
		const loops = entry.type === 'directory' && target !== undefined && chain.includes(target);
		if (target !== undefined && !loops) {
			this.#skipped.delete(path);
			return true;
		}
		if (this.#index.get(path)) this.#recorder.forget(path, step);
		this.#skipped.skip(path, target === undefined ? 'outside' : 'loop', target);
		return false;
	}

	async #reconcileEntry(
		path: string,
		entry: DirEntry,
		chain: readonly string[],
		step: Step
	): Promise<void> {
		const existing = this.#index.get(path);
		if (existing && existing.type !== entry.type)
			this.#recorder.forget(path, step, { silent: true });
		if (entry.type === 'directory') {
			const real = entry.link?.target ?? joinReal(chain.at(-1)!, entry.name);
			const dir = this.#recorder.recordDir(path, step, real);
			if (!dir.opaque) await this.reconcileDir(path, step, [...chain, real]);
			return;
		}
		const found = await probeFile(this.#runtime().fs, path);
		if (found.kind === 'file') this.#recorder.recordFile(path, found.bytes, found.mtimeMs, step);
		else if (found.kind === 'skipped') {
			if (existing) this.#recorder.forget(path, step);
			this.#skipped.skip(path, found.reason);
		} else if (found.kind === 'missing' && existing) this.#recorder.forget(path, step);
	}
}

/** `a/node_modules` for `a/node_modules/b/c`. */
function opaqueRoot(path: string): string {
	const parts = path.split('/');
	const index = parts.findIndex((part, i) => i < parts.length - 1 && isOpaqueName(part));
	return parts.slice(0, index + 1).join('/');
}
