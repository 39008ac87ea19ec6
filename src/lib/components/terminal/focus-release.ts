/**
 * The way out of the terminal, as VS Code's terminal has it: Tab belongs to the shell (it
 * completes), so Escape and then Tab or Shift+Tab moves focus on instead (WCAG 2.1.2, no
 * keyboard trap). Escape still reaches the shell, where it does no harm.
 */
import type { Terminal } from '@xterm/xterm';

export const LEAVE_TERMINAL_HINT =
	'Tab completes. To leave the terminal, press Escape, then Tab or Shift+Tab.';

/** Whether this keydown should move focus rather than go to the shell. */
export function leavesTerminal(event: KeyboardEvent, afterEscape: boolean): boolean {
	return afterEscape && event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey;
}

export function releaseFocusOnEscapeTab(xterm: Terminal): void {
	let afterEscape = false;
	xterm.attachCustomKeyEventHandler((event) => {
		if (event.type !== 'keydown') return true;
		if (leavesTerminal(event, afterEscape)) {
			afterEscape = false;
			// xterm leaves the key alone, so the browser moves focus as it would anywhere else.
			return false;
		}
		if (event.key !== 'Shift') afterEscape = event.key === 'Escape';
		return true;
	});
}
