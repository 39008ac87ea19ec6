/** One server-sent event. Anthropic names its events; OpenAI sends bare `data:` lines. */
export interface SseFrame {
	event?: string;
	data: string;
}

export function jsonFrame(data: unknown, event?: string): SseFrame {
	return event === undefined
		? { data: JSON.stringify(data) }
		: { event, data: JSON.stringify(data) };
}

export function encodeFrame(frame: SseFrame): string {
	const eventLine = frame.event === undefined ? '' : `event: ${frame.event}\n`;
	return `${eventLine}data: ${frame.data}\n\n`;
}
