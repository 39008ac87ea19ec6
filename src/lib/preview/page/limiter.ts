/**
 * A token bucket for the bridge's reports: a page that logs in a loop must not flood the IDE
 * (each report is a postMessage, a store update and a line in the Console panel). What is
 * dropped is counted, so the IDE can be told how much it missed.
 */
export interface Limiter {
	/** Whether one more report may go now. */
	take(now: number): boolean;
	/** Reports dropped since the last call (and resets the count). */
	takeDropped(): number;
}

export function createLimiter(options: { burst: number; perSecond: number }): Limiter {
	let tokens = options.burst;
	let last: number | undefined;
	let dropped = 0;
	return {
		take(now) {
			if (last !== undefined) {
				tokens = Math.min(options.burst, tokens + ((now - last) / 1000) * options.perSecond);
			}
			last = now;
			if (tokens >= 1) {
				tokens -= 1;
				return true;
			}
			dropped++;
			return false;
		},
		takeDropped() {
			const count = dropped;
			dropped = 0;
			return count;
		}
	};
}
