import type { ToolCallEndEvent } from './types';
import { messageOf } from '../errors';

const RAW_PREVIEW_CHARS = 200;

/**
 * Turns a finished tool call's argument text into its end event. Bad JSON becomes a parse
 * error on the event (the loop returns it to the model as a tool error); it never throws.
 */
export function finishToolCall(id: string, name: string, rawArguments: string): ToolCallEndEvent {
	// Models call parameterless tools with no argument text at all.
	if (rawArguments.trim() === '')
		return { type: 'tool-call-end', id, name, rawArguments, input: {} };
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawArguments);
	} catch (error) {
		const reason = messageOf(error);
		return {
			type: 'tool-call-end',
			id,
			name,
			rawArguments,
			parseError: `The arguments for ${name} were not valid JSON (${reason}). They were: ${preview(rawArguments)}. Call the tool again with a JSON object.`
		};
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {
			type: 'tool-call-end',
			id,
			name,
			rawArguments,
			parseError: `The arguments for ${name} must be a JSON object, but were: ${preview(rawArguments)}. Call the tool again with a JSON object.`
		};
	}
	return {
		type: 'tool-call-end',
		id,
		name,
		rawArguments,
		input: parsed as Record<string, unknown>
	};
}

function preview(raw: string): string {
	return raw.length > RAW_PREVIEW_CHARS ? `${raw.slice(0, RAW_PREVIEW_CHARS)}…` : raw;
}
