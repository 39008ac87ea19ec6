import { isFsError, type LinkInfo, type RuntimeFs } from '../runtime';
import { refusalReason } from './skipped-links';
import type { SkippedEntry } from './types';

/** What a path holds in the runtime right now. */
export type Probe =
	| { kind: 'missing' }
	| { kind: 'dir'; link?: LinkInfo }
	| { kind: 'file'; bytes: Uint8Array; mtimeMs: number }
	| { kind: 'skipped'; reason: SkippedEntry['reason'] };

/** What is at `path` now. Without stat, reading tells a file from a folder. */
export async function probe(fs: RuntimeFs, path: string): Promise<Probe> {
	if (fs.stat) {
		try {
			const info = await fs.stat(path);
			if (info.type === 'directory') return { kind: 'dir', link: info.link };
		} catch (error) {
			if (isGone(error)) return { kind: 'missing' };
			const reason = refusalReason(error);
			if (reason) return { kind: 'skipped', reason };
			throw error;
		}
		return probeFile(fs, path);
	}
	try {
		return { kind: 'file', bytes: await fs.readFile(path), mtimeMs: Date.now() };
	} catch (error) {
		if (isGone(error)) return { kind: 'missing' };
		try {
			await fs.readdir(path);
			return { kind: 'dir' };
		} catch (second) {
			if (isGone(second)) return { kind: 'missing' };
			throw error;
		}
	}
}

/** Reads a path expected to be a file; a folder, a refusal or a vanished path say so instead. */
export async function probeFile(fs: RuntimeFs, path: string): Promise<Probe> {
	try {
		const [bytes, stat] = await Promise.all([fs.readFile(path), fs.stat?.(path)]);
		return { kind: 'file', bytes, mtimeMs: stat?.mtimeMs ?? Date.now() };
	} catch (error) {
		if (isGone(error)) return { kind: 'missing' };
		const reason = refusalReason(error);
		if (reason) return { kind: 'skipped', reason };
		if (isFsError(error, 'EISDIR')) return { kind: 'dir' };
		throw error;
	}
}

function isGone(error: unknown): boolean {
	return isFsError(error, 'ENOENT') || isFsError(error, 'ENOTDIR');
}
