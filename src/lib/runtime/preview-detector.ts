/**
 * Dev servers say where they listen in their output ("Local: http://localhost:5173/"). The node
 * runtime reads each command's output for such URLs and announces them as previews; when the
 * command ends, its servers are gone.
 */
import type { PreviewEvent } from './types';

// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const ansiPattern = /\x1b\[[0-9;?]*[A-Za-z]/g;
const urlPattern =
	/\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):(\d{2,5})\b[^\s'"]*/g;
/** Enough of the previous chunk to find a URL split across two chunks. */
const TAIL_LENGTH = 200;

export class PreviewDetector {
	readonly #emit: (event: PreviewEvent) => void;
	readonly #ports = new Set<number>();
	#tail = '';

	constructor(emit: (event: PreviewEvent) => void) {
		this.#emit = emit;
	}

	/** Reads a chunk of output; announces each port the first time a URL for it appears. */
	feed(chunk: string): void {
		const text = (this.#tail + chunk).replace(ansiPattern, '');
		for (const match of text.matchAll(urlPattern)) {
			const port = Number(match[1]);
			// A URL cut off at the end of a chunk may be missing digits: wait for the rest.
			if (match.index + match[0].length === text.length) continue;
			if (port > 65535 || this.#ports.has(port)) continue;
			this.#ports.add(port);
			this.#emit({
				type: 'ready',
				port,
				url: match[0].replace(/0\.0\.0\.0|\[::1?\]/, 'localhost')
			});
		}
		this.#tail = text.slice(-TAIL_LENGTH);
	}

	/** The command ended: whatever it served is closed. */
	end(): void {
		const text = this.#tail;
		this.#tail = '';
		this.feed(`${text}\n`);
		this.#tail = '';
		for (const port of this.#ports) this.#emit({ type: 'closed', port });
		this.#ports.clear();
	}
}
