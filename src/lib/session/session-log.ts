import type { SessionEvent } from './events';

/**
 * Where a session's events go. The loop awaits every append before it goes on, so what a
 * log holds is always what the model has been told: IndexedDB in the app (storage's
 * sessionLog), memory in tests and the CLI.
 */
export interface SessionLog {
	append(event: SessionEvent): Promise<void>;
	/** Every event so far, oldest first (including those of earlier turns, for resuming). */
	readonly events: readonly SessionEvent[];
}

/**
 * A log kept in memory. Events are structured-cloned on the way in, as IndexedDB would, so a
 * test catches anything that could not be stored and nobody can change an event afterwards.
 */
export function memorySessionLog(initial: readonly SessionEvent[] = []): SessionLog {
	const events: SessionEvent[] = initial.map((event) => structuredClone(event));
	return {
		events,
		async append(event) {
			events.push(structuredClone(event));
		}
	};
}
