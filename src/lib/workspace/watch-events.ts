import { isWithin, normalizePath } from '../runtime';
import type { FsEvent, Runtime } from '../runtime';
import { newStep, type Step } from './change-feed';
import { messageOf } from '../errors';
import type { Probe } from './probe';
import type { SerialQueue } from './serial-queue';

export interface WatchEventsOptions {
	queue: SerialQueue;
	reconcile: (path: string, step: Step) => Promise<Probe['kind']>;
	emit: (step: Step) => void;
	onError: (error: Error) => void;
	isDisposed: () => boolean;
}

/**
 * Changes made by processes in the runtime. Events that arrive while the queue is busy (a write,
 * the first walk) are collected and reconciled together in one queued step, so a burst of events
 * costs one pass and one notification. The workspace's own writes come back here too; they are
 * already in the index, so reconciling them changes nothing and tells nobody.
 */
export class WatchEvents {
	readonly #options: WatchEventsOptions;
	#pending: FsEvent[] = [];
	#unwatch: () => void = () => {};

	constructor(options: WatchEventsOptions) {
		this.#options = options;
	}

	start(runtime: Runtime): void {
		this.#unwatch = runtime.fs.watch((events) => {
			if (this.#options.isDisposed()) return;
			const wasIdle = this.#pending.length === 0;
			this.#pending.push(...events);
			if (wasIdle) void this.#options.queue.run(() => this.#apply());
		});
	}

	/** Stops watching and drops events not yet reconciled (they belong to the runtime left). */
	stop(): void {
		this.#unwatch();
		this.#pending = [];
	}

	async #apply(): Promise<void> {
		const events = this.#pending;
		this.#pending = [];
		if (this.#options.isDisposed() || events.length === 0) return;
		const paths = new Set<string>();
		for (const event of events) {
			try {
				paths.add(normalizePath(event.path));
			} catch {
				// An event outside the project is nothing the workspace shows.
			}
		}
		const step = newStep('runtime', true);
		const done: string[] = [];
		for (const path of [...paths].sort()) {
			// A folder that was just walked already covers everything below it.
			if (done.some((walked) => isWithin(path, walked))) continue;
			try {
				if ((await this.#options.reconcile(path, step)) === 'dir') done.push(path);
			} catch (cause) {
				this.#options.onError(
					new Error(
						`Could not read '${path}' after a command changed it: ${messageOf(cause)}. ` +
							'The file tree may be out of date until the file changes again.',
						{ cause }
					)
				);
			}
		}
		this.#options.emit(step);
	}
}
