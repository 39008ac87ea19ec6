/** The subset of the Web Locks API used here, so tests can pass their own. */
export type LockRequester = Pick<LockManager, 'request'>;

/** owner: this tab may change the project · read-only: another tab owns it · closed: disposed. */
export type OwnershipState = 'owner' | 'read-only' | 'closed';

/** What tabs of one project tell each other. */
export type OwnershipMessage =
	/** A read-only tab asks the owner to hand the project over. */
	| { readonly type: 'take-over'; readonly from: string }
	/** The owner has stored everything and stopped writing: the asker may take the lock now. */
	| { readonly type: 'released'; readonly from: string }
	/** The owner stored these files (sent after the write is in IndexedDB). */
	| { readonly type: 'files-saved'; readonly from: string; readonly paths: readonly string[] };

/** The subset of BroadcastChannel used here, so tests can pass their own. */
export interface ChannelLike {
	postMessage(message: OwnershipMessage): void;
	onmessage: ((event: MessageEvent) => void) | null;
	close(): void;
}

export interface ProjectOwnershipOptions {
	projectId: string;
	/** Told on every change of state, the first one included. */
	onStateChange: (state: OwnershipState) => void;
	/**
	 * The owner is about to hand the project to another tab: stop the agent, store drafts and
	 * pending saves. The other tab waits for this (up to `handOverTimeoutMs`).
	 */
	beforeHandOver: () => Promise<void>;
	/** Another tab stored these files: read them again from storage. */
	onFilesSaved?: (paths: readonly string[]) => void;
	/** How long a take-over waits for the owner before taking the project anyway. */
	handOverTimeoutMs?: number;
	locks?: LockRequester;
	channel?: ChannelLike | null;
	/** A name for this tab in messages (tests). */
	tabId?: string;
}

/** The project's Web Lock and BroadcastChannel (separate namespaces, so one name serves both). */
export function ownershipName(projectId: string): string {
	return `kiln-project:${projectId}`;
}

function defaultChannel(projectId: string): ChannelLike | null {
	return typeof BroadcastChannel === 'undefined'
		? null
		: (new BroadcastChannel(ownershipName(projectId)) as unknown as ChannelLike);
}

/**
 * Hears which files other tabs save in this project, before this tab claims it: a page that
 * reads the project early (state/early-open.ts) must not miss a save made meanwhile. Returns
 * a stop.
 */
export function listenForSavedFiles(
	projectId: string,
	onPaths: (paths: readonly string[]) => void
): () => void {
	const channel = defaultChannel(projectId);
	if (!channel) return () => {};
	channel.onmessage = (event) => {
		const paths = savedPathsOf(event.data);
		if (paths) onPaths(paths);
	};
	return () => channel.close();
}

/** The paths of another tab's "files-saved" message, when it is one and well formed. */
function savedPathsOf(message: unknown): readonly string[] | undefined {
	const data = message as Partial<Record<'type' | 'paths', unknown>> | null;
	if (data?.type !== 'files-saved' || !Array.isArray(data.paths)) return undefined;
	return data.paths.every((path) => typeof path === 'string') ? data.paths : undefined;
}

function isAbort(error: unknown): boolean {
	return error instanceof Error && error.name === 'AbortError';
}

/**
 * Which tab may change a project. One tab holds the project's Web Lock and is the owner; others
 * are read-only and wait in the lock's queue, so the next one becomes the owner when the owner's
 * tab closes. "Take over" asks the owner over a BroadcastChannel to store what it holds and stop
 * writing, then steals the lock (at once if the owner does not answer in time: a frozen tab must
 * not keep the person out). Where the browser has no Web Locks, every tab is the owner, as there
 * is no way to tell.
 */
export class ProjectOwnership {
	readonly projectId: string;
	#state: OwnershipState | null = null;
	#options: ProjectOwnershipOptions;
	#locks: LockRequester | undefined;
	#channel: ChannelLike | null;
	#tabId: string;
	/** Ends the callback that holds the lock. */
	#release: (() => void) | null = null;
	/** Cancels the queued request of a read-only tab. */
	#waiting: AbortController | null = null;
	#released: (() => void) | null = null;
	#handingOver = false;

	constructor(options: ProjectOwnershipOptions) {
		this.projectId = options.projectId;
		this.#options = options;
		this.#locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
		this.#channel =
			options.channel === undefined ? defaultChannel(options.projectId) : options.channel;
		// randomUUID exists only in secure contexts; any unique-enough name will do here.
		this.#tabId =
			options.tabId ??
			globalThis.crypto?.randomUUID?.() ??
			`${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
		if (this.#channel) this.#channel.onmessage = (event) => this.#onMessage(event.data);
	}

	get state(): OwnershipState | null {
		return this.#state;
	}

	/** Claims the project if no other tab has it; otherwise becomes read-only and waits. */
	async start(): Promise<OwnershipState> {
		if (!this.#locks) {
			this.#setState('owner');
			return 'owner';
		}
		const got = await this.#hold({ ifAvailable: true });
		if (this.#state === 'closed') return 'closed';
		if (!got) {
			this.#setState('read-only');
			this.#queue();
		}
		return this.#state ?? 'read-only';
	}

	/** Asks the owning tab to hand over, then takes the project. Resolves once this tab owns it. */
	async takeOver(): Promise<void> {
		if (this.#state !== 'read-only' || !this.#locks) return;
		this.#waiting?.abort();
		this.#waiting = null;
		if (this.#channel) {
			const released = new Promise<void>((resolve) => (this.#released = resolve));
			this.#channel.postMessage({ type: 'take-over', from: this.#tabId });
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([
				released,
				new Promise<void>((resolve) => {
					timer = setTimeout(resolve, this.#options.handOverTimeoutMs ?? 3000);
				})
			]);
			clearTimeout(timer);
			this.#released = null;
		}
		if (this.#state !== 'read-only') return;
		await this.#hold({ steal: true });
	}

	/** Tells the other tabs that these files are stored (call after the write is committed). */
	announceSaved(paths: readonly string[]): void {
		if (this.#state !== 'owner' || paths.length === 0) return;
		this.#channel?.postMessage({ type: 'files-saved', from: this.#tabId, paths: [...paths] });
	}

	dispose(): void {
		this.#state = 'closed';
		this.#waiting?.abort();
		this.#waiting = null;
		this.#release?.();
		this.#release = null;
		if (this.#channel) {
			this.#channel.onmessage = null;
			this.#channel.close();
		}
	}

	/**
	 * Requests the lock and keeps it until released, stolen or disposed. Resolves to whether the
	 * lock was granted (false: `ifAvailable` found it taken). A queued request resolves only when
	 * it is granted or aborted.
	 */
	#hold(options: LockOptions): Promise<boolean> {
		const locks = this.#locks;
		if (!locks) return Promise.resolve(true);
		let granted = false;
		return new Promise<boolean>((resolve, reject) => {
			locks
				.request(ownershipName(this.projectId), options, (lock) => {
					if (!lock) {
						resolve(false);
						return undefined;
					}
					if (this.#state === 'closed') return undefined; // disposed while queued
					granted = true;
					const held = new Promise<void>((release) => (this.#release = release));
					this.#waiting = null;
					this.#setState('owner');
					resolve(true);
					return held;
				})
				.catch((error: unknown) => {
					if (!isAbort(error)) {
						reject(error);
						return;
					}
					resolve(false);
					// A queued request we cancelled ourselves: nothing was held.
					if (!granted) return;
					// Stolen by a tab that took over: after our hand-over, or without it (we were
					// frozen or too slow).
					if (this.#state === 'owner') this.#lost();
					else this.#queue();
				});
		});
	}

	/** Another tab took the lock without our hand-over finishing (we were frozen or too slow). */
	#lost(): void {
		this.#release = null;
		this.#setState('read-only');
		this.#queue();
	}

	/** Waits in the lock's queue, so this tab becomes the owner when the owner's tab closes. */
	#queue(): void {
		if (!this.#locks || this.#state === 'closed' || this.#waiting) return;
		const waiting = new AbortController();
		this.#waiting = waiting;
		this.#hold({ signal: waiting.signal }).catch(() => {
			// A lock manager that fails here leaves the tab read-only, with "Take over" to retry.
		});
	}

	async #onMessage(message: unknown): Promise<void> {
		if (!message || typeof message !== 'object' || !('type' in message)) return;
		const data = message as OwnershipMessage;
		if (data.from === this.#tabId) return;
		if (data.type === 'released') {
			this.#released?.();
		} else if (data.type === 'files-saved') {
			const paths = savedPathsOf(data);
			if (paths) this.#options.onFilesSaved?.(paths);
		} else if (data.type === 'take-over') {
			await this.#handOver();
		}
	}

	/**
	 * Stores what this tab holds, stops writing and tells the asker. The lock itself is kept until
	 * the asker steals it, so no third tab waiting in the queue slips in between.
	 */
	async #handOver(): Promise<void> {
		if (this.#state !== 'owner' || this.#handingOver) return;
		this.#handingOver = true;
		try {
			await this.#options.beforeHandOver().catch(() => {
				// Hand over anyway: the asker takes the project after its timeout regardless.
			});
			if (this.#state !== 'owner') return;
			this.#setState('read-only');
			this.#channel?.postMessage({ type: 'released', from: this.#tabId });
			// Our lock is stolen next; #hold's rejection then queues us again.
			const release = this.#release;
			this.#release = null;
			// If nobody steals (the asker closed meanwhile), give the lock up after a while.
			setTimeout(() => {
				if (this.#state === 'read-only') {
					release?.();
					this.#queue();
				}
			}, this.#options.handOverTimeoutMs ?? 3000);
		} finally {
			this.#handingOver = false;
		}
	}

	#setState(state: OwnershipState): void {
		if (this.#state === state || this.#state === 'closed') return;
		this.#state = state;
		this.#options.onStateChange(state);
	}
}
