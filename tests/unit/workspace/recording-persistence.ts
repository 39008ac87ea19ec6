import type { WorkspacePersistence } from '../../../src/lib/workspace';

/** A persistence that keeps what it is told in memory, like storage would. */
export class RecordingPersistence implements WorkspacePersistence {
	readonly files = new Map<string, string | Uint8Array>();
	readonly dirs = new Set<string>();
	readonly log: string[] = [];
	/** Set to make the next writes fail, as a full disk would. */
	failWith: Error | undefined;

	async putFile(path: string, data: string | Uint8Array): Promise<void> {
		this.#check();
		this.log.push(`putFile ${path}`);
		this.files.set(path, data);
	}

	async putDir(path: string): Promise<void> {
		this.#check();
		this.log.push(`putDir ${path}`);
		this.dirs.add(path);
	}

	async deleteTree(path: string): Promise<void> {
		this.#check();
		this.log.push(`deleteTree ${path}`);
		const within = (key: string) => key === path || key.startsWith(path + '/');
		for (const key of [...this.files.keys()]) if (within(key)) this.files.delete(key);
		for (const key of [...this.dirs]) if (within(key)) this.dirs.delete(key);
	}

	text(path: string): string | undefined {
		const data = this.files.get(path);
		return data === undefined || typeof data === 'string' ? data : new TextDecoder().decode(data);
	}

	#check(): void {
		if (this.failWith) throw this.failWith;
	}
}
