/**
 * watch over fs.watch(root, { recursive: true }) (Node 20 supports it on Linux). fs.watch only
 * says "something happened to this name", so each batch is turned into FsEvents by looking at
 * what is there now: a file → change, a folder → mkdir, nothing → remove. One watcher serves
 * all listeners and runs only while someone listens.
 */
import { watch, type FSWatcher } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FsEvent, FsEventListener } from '../types';

/** Events within this window are delivered together (a write is often several events). */
const BATCH_MS = 25;

export class NodeWatcher {
	readonly #root: string;
	readonly #listeners = new Set<FsEventListener>();
	#watcher: FSWatcher | undefined;
	#pending = new Set<string>();
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(root: string) {
		this.#root = root;
	}

	subscribe(listener: FsEventListener): () => void {
		this.#listeners.add(listener);
		this.#start();
		return () => {
			this.#listeners.delete(listener);
			if (this.#listeners.size === 0) this.close();
		};
	}

	close(): void {
		this.#watcher?.close();
		this.#watcher = undefined;
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#pending.clear();
	}

	dispose(): void {
		this.#listeners.clear();
		this.close();
	}

	#start(): void {
		if (this.#watcher) return;
		this.#watcher = watch(this.#root, { recursive: true }, (_type, filename) => {
			if (!filename) return;
			this.#pending.add(filename);
			this.#timer ??= setTimeout(() => void this.#flush(), BATCH_MS);
		});
		// The root vanishing or running out of inotify watches must not crash the process.
		this.#watcher.on('error', (error) => console.error(`Watching ${this.#root} failed:`, error));
	}

	async #flush(): Promise<void> {
		this.#timer = undefined;
		const paths = [...this.#pending];
		this.#pending.clear();
		const events = await Promise.all(paths.map((path) => this.#classify(path)));
		if (this.#listeners.size === 0 || events.length === 0) return;
		for (const listener of [...this.#listeners]) {
			try {
				listener(events);
			} catch (error) {
				console.error('A filesystem watch listener failed:', error);
			}
		}
	}

	async #classify(path: string): Promise<FsEvent> {
		try {
			const info = await lstat(join(this.#root, path));
			return { type: info.isDirectory() ? 'mkdir' : 'change', path };
		} catch {
			return { type: 'remove', path };
		}
	}
}
