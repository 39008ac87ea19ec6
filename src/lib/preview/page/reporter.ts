import {
	LOG_STACK_MAX_CHARS,
	LOG_TEXT_MAX_CHARS,
	LOG_URL_MAX_CHARS,
	PREVIEW_LOG_TYPE,
	type BridgeLogEntry,
	type PreviewLogMessage
} from '../bridge-protocol';
import { bound } from './format';
import { createLimiter } from './limiter';

/** Reports a page may send at once, then per second: enough for real pages, not for a log loop. */
export const REPORT_BURST = 200;
export const REPORTS_PER_SECOND = 50;

export type Report = (entry: BridgeLogEntry) => void;

export interface ReporterOptions {
	post(message: PreviewLogMessage): void;
	now(): number;
	/** Runs `callback` later (setTimeout): the note about dropped reports goes once they stop. */
	later(callback: () => void, ms: number): void;
}

/** Bounds each report's text and the rate of reports, and says how many were dropped. */
export function createReporter(options: ReporterOptions): Report {
	const limiter = createLimiter({ burst: REPORT_BURST, perSecond: REPORTS_PER_SECOND });
	let noteScheduled = false;
	const send = (entry: BridgeLogEntry) =>
		options.post({ type: PREVIEW_LOG_TYPE, entry: bounded(entry) });
	const sendDroppedNote = () => {
		noteScheduled = false;
		const dropped = limiter.takeDropped();
		if (dropped === 0) return;
		send({
			kind: 'console',
			level: 'warn',
			text: `${dropped} more console messages were dropped: the page reported faster than ${REPORTS_PER_SECOND} a second.`
		});
	};
	return (entry) => {
		if (limiter.take(options.now())) {
			send(entry);
			return;
		}
		if (!noteScheduled) {
			noteScheduled = true;
			options.later(sendDroppedNote, 1000);
		}
	};
}

function bounded(entry: BridgeLogEntry): BridgeLogEntry {
	return {
		...entry,
		text: bound(entry.text, LOG_TEXT_MAX_CHARS),
		...(entry.stack !== undefined ? { stack: bound(entry.stack, LOG_STACK_MAX_CHARS) } : {}),
		...(entry.sourceUrl !== undefined
			? { sourceUrl: entry.sourceUrl.slice(0, LOG_URL_MAX_CHARS) }
			: {}),
		...(entry.url !== undefined ? { url: entry.url.slice(0, LOG_URL_MAX_CHARS) } : {})
	};
}
