/**
 * The simulator's idea of "now". Cache lifetimes are minutes long and a replayed session takes
 * seconds, so time is simulated: it moves only when told to (a step per request, plus pauses).
 */
export class SimClock {
	#nowMs: number;

	constructor(startMs = 0) {
		this.#nowMs = startMs;
	}

	now(): number {
		return this.#nowMs;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) {
			throw new RangeError(`The simulated clock only moves forward; got ${ms} ms.`);
		}
		this.#nowMs += ms;
	}
}
