import type { FileSystemAPI, IFSWatcher } from '@webcontainer/api';
import { basename, dirname, normalizePath } from '../paths';
import type { FsEvent, FsEventListener } from '../types';

/** How long raw events are gathered before they are probed and delivered as one batch. */
const BATCH_MS = 25;

type RawKind = 'rename' | 'change';

export interface WatchHub {
	subscribe(listener: FsEventListener): () => void;
	close(): void;
}

/**
 * Translates WebContainer's `fs.watch` into FsEvents. Its callback only says "rename" or
 * "change" and a filename, and there is no stat, so each batch is probed by listing the parents
 * of the paths it names (one readdir per parent, not per path: `npm install` touches thousands
 * of files in few folders): a file that exists is a `change`, a folder that appeared is a
 * `mkdir`, anything missing is a `remove`.
 *
 * One underlying watcher is shared by every listener, opened with the first and closed with
 * the last.
 */
export function createWatchHub(fs: FileSystemAPI): WatchHub {
	const listeners = new Set<FsEventListener>();
	let watcher: IFSWatcher | undefined;
	let pending = new Map<string, RawKind>();
	let timer: ReturnType<typeof setTimeout> | undefined;
	// Batches are probed one after another so events keep their order.
	let flushing: Promise<void> = Promise.resolve();

	const onRaw = (kind: RawKind, filename: string | Uint8Array) => {
		const name = typeof filename === 'string' ? filename : new TextDecoder().decode(filename);
		let path: string;
		try {
			path = normalizePath(name);
		} catch {
			return;
		}
		if (path === '') return;
		// A rename anywhere in the batch matters more than a change: it may be a creation.
		if (pending.get(path) !== 'rename') pending.set(path, kind);
		timer ??= setTimeout(() => {
			timer = undefined;
			const batch = pending;
			pending = new Map();
			flushing = flushing.then(() => deliver(batch));
		}, BATCH_MS);
	};

	const deliver = async (batch: Map<string, RawKind>) => {
		const events = await probe(fs, batch);
		if (events.length === 0) return;
		for (const listener of [...listeners]) {
			// A listener removed while the batch was probed must not hear of it.
			if (!listeners.has(listener)) continue;
			try {
				listener(events);
			} catch (error) {
				// A throw here would reject the `flushing` chain and silence every later batch.
				console.error('A filesystem watch listener failed:', error);
			}
		}
	};

	const open = () => {
		watcher = fs.watch('.', { recursive: true, encoding: 'utf-8' }, onRaw);
	};

	const close = () => {
		watcher?.close();
		watcher = undefined;
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		pending = new Map();
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			if (!watcher) open();
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0) close();
			};
		},
		close() {
			listeners.clear();
			close();
		}
	};
}

async function probe(fs: FileSystemAPI, batch: Map<string, RawKind>): Promise<FsEvent[]> {
	const parents = new Map<string, Promise<Map<string, 'file' | 'directory' | 'other'>>>();
	const list = (parent: string) => {
		let listing = parents.get(parent);
		if (!listing) {
			listing = fs.readdir(parent || '.', { withFileTypes: true }).then(
				(entries) =>
					new Map(
						entries.map((entry) => [
							entry.name,
							entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other'
						])
					),
				// The parent is gone (or is no longer a folder): so is everything in it.
				() => new Map()
			);
			parents.set(parent, listing);
		}
		return listing;
	};

	const events: FsEvent[] = [];
	for (const [path, kind] of batch) {
		const type = (await list(dirname(path))).get(basename(path));
		if (type === 'file' || type === 'other') events.push({ type: 'change', path });
		// A "change" on a folder only means its listing changed; its entries report themselves.
		else if (type === 'directory') {
			if (kind === 'rename') events.push({ type: 'mkdir', path });
		} else events.push({ type: 'remove', path });
	}
	return events;
}
