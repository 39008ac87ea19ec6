/** What the chat tells the person when a turn ends other than normally: what happened, what next. */
import type { AgentError, TurnEndReason } from '../../agent';
import type { NoticeItem } from './view-model';

export function endNotice(
	turnKey: string,
	reason: TurnEndReason,
	error: AgentError | undefined
): NoticeItem | undefined {
	const key = `${turnKey}:end`;
	switch (reason) {
		case 'completed':
			return undefined;
		case 'aborted':
			if (error?.kind === 'interrupted') {
				return {
					kind: 'notice',
					key,
					code: 'interrupted',
					tone: 'warning',
					message: error.message
				};
			}
			return {
				kind: 'notice',
				key,
				code: 'stopped',
				tone: 'info',
				message:
					'Stopped. What the agent had done so far is kept above; send a message to continue or to change course.'
			};
		case 'step-limit':
			return {
				kind: 'notice',
				key,
				code: 'step-limit',
				tone: 'warning',
				message:
					'The agent reached its step limit for one turn and stopped. Send “continue” to let it go on, or narrow the task.'
			};
		case 'failure-limit':
			return {
				kind: 'notice',
				key,
				code: 'failure-limit',
				tone: 'warning',
				message:
					'Several tool calls in a row failed, so the agent stopped to ask. Look at the errors in the cards above, then tell it how to proceed.'
			};
		case 'error':
			return {
				kind: 'notice',
				key,
				code: 'error',
				tone: 'error',
				message:
					error?.message ??
					'The model could not be reached. Check Settings and your connection, then send your message again.'
			};
	}
}

export function interruptedNotice(turnKey: string): NoticeItem {
	return {
		kind: 'notice',
		key: `${turnKey}:end`,
		code: 'interrupted',
		tone: 'warning',
		message:
			'This turn was cut off when the page closed. What was stored is shown above; send a message to continue.'
	};
}

/**
 * The countdown line under a 'retrying' notice at time `now` ("Retrying in 4 s…"): what the
 * person sees below the reason while the agent waits to try again.
 */
export function retryCountdown(notice: Pick<NoticeItem, 'retryAt'>, now: number): string {
	const seconds =
		notice.retryAt === undefined ? 0 : Math.max(0, Math.ceil((notice.retryAt - now) / 1000));
	return seconds > 0 ? `Retrying in ${seconds} s…` : 'Retrying…';
}

/** Shown while the agent waits to try the model again; the card counts down to `retryAt`. */
export function retryNotice(
	turnKey: string,
	attempt: number,
	error: AgentError,
	retryAt: number
): NoticeItem {
	return {
		kind: 'notice',
		key: `${turnKey}:retry`,
		code: 'retrying',
		tone: 'warning',
		message: error.message,
		attempt,
		retryAt
	};
}
