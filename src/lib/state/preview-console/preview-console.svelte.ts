import type { PreviewLogEntry } from '$lib/tools';

/** Entries kept per project; the oldest go first (a page that logs in a loop must not fill memory). */
export const PREVIEW_CONSOLE_LIMIT = 1000;

/**
 * What the project's preview page reported through its bridge: console messages, errors,
 * failed requests, navigations. The preview channel adds entries; the Console panel shows
 * them, the Preview tab counts them, and the preview tool reads those since its own load.
 */
export class PreviewConsole {
	entries = $state.raw<readonly PreviewLogEntry[]>([]);
	/** Entries ever added, cleared ones included: a position that survives trimming and clear(). */
	#added = 0;

	get errorCount(): number {
		return this.entries.filter((entry) => entry.level === 'error').length;
	}

	get warningCount(): number {
		return this.entries.filter((entry) => entry.level === 'warn').length;
	}

	/** A mark to pass to since(): where the log stands now. */
	get position(): number {
		return this.#added;
	}

	add(entry: PreviewLogEntry): void {
		this.#added++;
		const next = [...this.entries, entry];
		this.entries =
			next.length > PREVIEW_CONSOLE_LIMIT ? next.slice(next.length - PREVIEW_CONSOLE_LIMIT) : next;
	}

	/** Entries added after `position` that are still kept. */
	since(position: number): readonly PreviewLogEntry[] {
		const count = Math.min(this.#added - position, this.entries.length);
		return count <= 0 ? [] : this.entries.slice(this.entries.length - count);
	}

	clear(): void {
		this.entries = [];
	}
}
