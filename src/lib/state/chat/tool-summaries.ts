/**
 * A tool card's one-line summary comes from the tool's own code (it parses the arguments with
 * the tool's schema), which is not in the IDE's route bundle: it loads before a stored session
 * with tool calls is shown, and with the agent's code on first send. Until it has loaded, cards
 * use the transcript's plain fallback summary.
 */
import type { SessionEvent } from '../../agent';

type SummaryCode = typeof import('./tool-summaries-code');

let loading: Promise<SummaryCode | undefined> | undefined;
let loaded: SummaryCode | undefined;

/** Loads the summaries once; resolves even if they could not load (cards fall back). */
export function loadToolSummaries(): Promise<SummaryCode | undefined> {
	loading ??= import('./tool-summaries-code').then(
		(code) => (loaded = code),
		() => {
			// Offline: try again next time; the fallback summaries show meanwhile.
			loading = undefined;
			return undefined;
		}
	);
	return loading;
}

/** The tool's summary of a call, or '' when its code has not loaded (or it cannot say). */
export function summarizeLoadedToolCall(name: string, input: unknown): string {
	return loaded?.summarizeToolCall(name, input) ?? '';
}

/** Loads the summaries if a stored log has tool calls to show; true if it waited for them. */
export async function summariesLoadedFor(events: readonly SessionEvent[]): Promise<boolean> {
	if (loaded || !hasToolCalls(events)) return false;
	await loadToolSummaries();
	return true;
}

function hasToolCalls(events: readonly SessionEvent[]): boolean {
	return events.some(
		(event) =>
			event.type === 'assistant-step' &&
			event.message.content.some((block) => block.type === 'tool_call')
	);
}
