/** How a tool call is summed up in one line on its card. */
import { summarizeLoadedToolCall } from './tool-summaries';

export interface ReducerOptions {
	/** One line describing a tool call; defaults to the core tools' own summaries. */
	summarize?: (name: string, input: unknown) => string;
}

/** The one-line summary of arguments the core tools cannot describe (unknown tool, bad arguments). */
export function fallbackSummary(input: unknown): string {
	if (input === undefined || input === null) return '';
	if (typeof input !== 'object') return String(input).split('\n')[0] ?? '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
		const shown = typeof value === 'string' ? value.split('\n')[0] : JSON.stringify(value);
		parts.push(`${key}: ${shown}`);
	}
	const line = parts.join(', ');
	return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function defaultSummarize(name: string, input: unknown): string {
	return summarizeLoadedToolCall(name, input) || fallbackSummary(input);
}

/** The summarizer the options ask for, or the core tools' own. */
export function summarizerOf(options: ReducerOptions): (name: string, input: unknown) => string {
	return options.summarize ?? defaultSummarize;
}
