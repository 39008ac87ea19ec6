/**
 * Checkpoints as a crash left them, read raw. A checkpoint is three records written in order:
 * blobs (kiln-checkpoint-blobs, content under its SHA-256), a manifest (kiln-checkpoint-manifests,
 * path → { hash } in full or as a delta from a parent manifest) and, last, the meta
 * (kiln-checkpoints, key [projectId, id]) that lists it. So whatever the crash cut:
 * - every manifest names only stored blobs (blobs are written first, and collected last);
 * - every meta has its manifest, and the chain of parents down to a full one, all readable: a
 *   listed checkpoint is whole and a rewind to it can restore every file;
 * - an unfinished checkpoint has no meta (the spec compares the metas before and after).
 */
import type { Page } from '@playwright/test';
import { readStore } from './idb-state';

export interface StoredCheckpoint {
	/** The meta's key, [projectId, checkpointId]. */
	readonly key: unknown;
	readonly id: string;
	readonly reason: string;
	readonly sessionId: string | null;
	readonly turnIndex?: number;
	/** What is wrong with it, in words ([] when it could be restored). */
	readonly problems: string[];
}

export interface StoredCheckpoints {
	/** The project's listed (finished) checkpoints, oldest first. */
	readonly metas: StoredCheckpoint[];
	/** Every problem: broken metas, and manifests of the project naming missing blobs. */
	readonly problems: string[];
	/** Hashes of every stored blob (of any project: blobs are shared). */
	readonly blobs: readonly string[];
	/** Ids of the project's stored manifests, finished or not. */
	readonly manifests: readonly string[];
}

interface RawManifest {
	projectId?: unknown;
	parent?: unknown;
	files?: unknown;
}

function hashesOf(manifest: RawManifest): string[] {
	if (typeof manifest.files !== 'object' || manifest.files === null) return [];
	return Object.values(manifest.files as Record<string, unknown>).map((entry) =>
		String((entry as { hash?: unknown } | null)?.hash)
	);
}

export async function readCheckpoints(page: Page, projectId: string): Promise<StoredCheckpoints> {
	const [blobRecords, manifestRecords, metaRecords] = await Promise.all([
		readStore(page, 'kiln-checkpoint-blobs', 'blobs'),
		readStore(page, 'kiln-checkpoint-manifests', 'manifests'),
		readStore(page, 'kiln-checkpoints', 'checkpoints')
	]);
	const blobs = new Set(blobRecords.map(({ key }) => String(key)));
	const manifests = new Map(
		manifestRecords.map(({ key, value }) => [String(key), (value ?? {}) as RawManifest])
	);
	const problems: string[] = [];
	const own: string[] = [];
	for (const [id, manifest] of manifests) {
		if (manifest.projectId !== projectId) continue;
		own.push(id);
		const missing = hashesOf(manifest).filter((hash) => !blobs.has(hash));
		if (missing.length > 0) problems.push(`manifest ${id}: blobs missing ${missing.join(', ')}`);
	}

	const metas: (StoredCheckpoint & { createdAt: number })[] = [];
	for (const { key, value } of metaRecords) {
		const [owner, id] = key as [string, string];
		if (owner !== projectId) continue;
		const meta = (value ?? {}) as {
			id?: unknown;
			projectId?: unknown;
			reason?: unknown;
			sessionId?: unknown;
			turnIndex?: unknown;
			createdAt?: unknown;
		};
		const wrong: string[] = [];
		if (meta.id !== id || meta.projectId !== owner) wrong.push('its id is not its key');
		// Down the chain of deltas to a full manifest: every link stored, every blob stored.
		const seen = new Set<string>();
		let next: string | null = id;
		while (next !== null) {
			if (seen.has(next)) {
				wrong.push(`its manifests loop at ${next}`);
				break;
			}
			seen.add(next);
			const manifest = manifests.get(next);
			if (!manifest) {
				wrong.push(`manifest ${next} is missing`);
				break;
			}
			const missing = hashesOf(manifest).filter((hash) => !blobs.has(hash));
			if (missing.length > 0) wrong.push(`manifest ${next} names missing blobs`);
			next = typeof manifest.parent === 'string' ? manifest.parent : null;
		}
		for (const problem of wrong) problems.push(`checkpoint ${id}: ${problem}`);
		metas.push({
			key,
			id,
			reason: String(meta.reason),
			sessionId: typeof meta.sessionId === 'string' ? meta.sessionId : null,
			...(typeof meta.turnIndex === 'number' && { turnIndex: meta.turnIndex }),
			createdAt: Number(meta.createdAt),
			problems: wrong
		});
	}
	metas.sort((a, b) => a.createdAt - b.createdAt);
	return { metas, problems, blobs: [...blobs], manifests: own };
}
