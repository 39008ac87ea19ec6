import type { Usage } from '../providers';
import { ZERO_USAGE } from './model-step';
import type { SessionLog } from './session-log';
import type { LiveEvent, SessionEvent } from './types';

/**
 * A turn's two outlets: the session log (what the conversation is) and the live listener (what
 * the chat shows while it happens), plus the usage the turn has cost so far. Every part of a
 * turn writes through one recorder, so each stored event is also announced as 'persisted'.
 */
export class TurnRecorder {
	readonly #log: SessionLog;
	readonly #onEvent: ((event: LiveEvent) => void) | undefined;
	#usage: Usage = { ...ZERO_USAGE };

	constructor(log: SessionLog, onEvent: ((event: LiveEvent) => void) | undefined) {
		this.#log = log;
		this.#onEvent = onEvent;
	}

	/** The turn's usage so far (a copy). */
	get usage(): Usage {
		return { ...this.#usage };
	}

	addUsage(usage: Usage): void {
		this.#usage = {
			inputTokens: this.#usage.inputTokens + usage.inputTokens,
			outputTokens: this.#usage.outputTokens + usage.outputTokens,
			cacheReadTokens: this.#usage.cacheReadTokens + usage.cacheReadTokens,
			cacheWriteTokens: this.#usage.cacheWriteTokens + usage.cacheWriteTokens
		};
	}

	async persist(event: SessionEvent): Promise<void> {
		await this.#log.append(event);
		this.emit({ type: 'persisted', event });
	}

	emit(event: LiveEvent): void {
		try {
			this.#onEvent?.(event);
		} catch {
			// A listener's bug must not end the turn; the log still records everything.
		}
	}
}

export function newId(): string {
	return crypto.randomUUID();
}
