import type { BridgeLogLevel } from '../bridge-protocol';
import { formatArgs } from './format';
import type { Report } from './reporter';
import { firstFrame } from './stack';
import { LOG_TEXT_MAX_CHARS } from '../bridge-protocol';

const LEVELS: readonly BridgeLogLevel[] = ['log', 'info', 'warn', 'error', 'debug'];

/**
 * Wraps the page's console methods so each call is also reported, with the caller's position
 * (from a stack taken at the call). The page's own console still prints as before.
 */
export function hookConsole(
	target: Console,
	report: Report,
	isBridge: (url: string) => boolean
): void {
	for (const level of LEVELS) {
		const original = target[level];
		if (typeof original !== 'function') continue;
		target[level] = function (this: Console, ...args: unknown[]) {
			send(level, args);
			return original.apply(this, args);
		};
	}
	const assert = target.assert;
	if (typeof assert === 'function') {
		target.assert = function (this: Console, condition?: boolean, ...args: unknown[]) {
			if (!condition) send('error', ['Assertion failed:', ...args]);
			return (assert as (...all: unknown[]) => void).call(this, condition, ...args);
		};
	}

	function send(level: BridgeLogLevel, args: unknown[]) {
		try {
			const at = firstFrame(new Error().stack, isBridge);
			report({
				kind: 'console',
				level,
				text: formatArgs(args, LOG_TEXT_MAX_CHARS),
				...(at ? { sourceUrl: at.url, line: at.line, column: at.column } : {})
			});
		} catch {
			// Reporting must never break the page's own logging.
		}
	}
}
