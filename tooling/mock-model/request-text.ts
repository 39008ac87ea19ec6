// Pulls the text a turn's `match` is checked against out of a request body, in either format.
// The bodies come off the wire, so everything is treated as unknown and read defensively.

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messagesOf(body: unknown): Record<string, unknown>[] {
	if (!isRecord(body) || !Array.isArray(body.messages)) return [];
	return body.messages.filter(isRecord);
}

/** Text of string content or of an array of blocks/parts, including tool_result content. */
function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((block) => {
			if (!isRecord(block)) return '';
			if (typeof block.text === 'string') return block.text;
			if (block.type === 'tool_result') return contentText(block.content);
			return '';
		})
		.filter((text) => text !== '')
		.join('\n');
}

/**
 * What the user side said since the model last spoke: in Anthropic format the last user message
 * (text and tool results); in OpenAI format the user and tool messages after the last assistant one.
 */
export function lastUserText(body: unknown): string {
	const messages = messagesOf(body);
	let start = 0;
	messages.forEach((message, index) => {
		if (message.role === 'assistant') start = index + 1;
	});
	return messages
		.slice(start)
		.filter((message) => message.role === 'user' || message.role === 'tool')
		.map((message) => contentText(message.content))
		.join('\n');
}

/** The model the client asked for, echoed back like the real APIs do. */
export function requestedModel(body: unknown): string {
	return isRecord(body) && typeof body.model === 'string' ? body.model : 'mock-model';
}

export function wantsStream(body: unknown): boolean {
	return isRecord(body) && body.stream === true;
}

export function wantsUsageChunk(body: unknown): boolean {
	return (
		isRecord(body) && isRecord(body.stream_options) && body.stream_options.include_usage === true
	);
}

/** Size of the prompt-bearing parts of a request, for a fake input token count. */
export function promptCharacters(body: unknown): number {
	if (!isRecord(body)) return 0;
	return JSON.stringify([body.system ?? null, body.tools ?? null, body.messages ?? null]).length;
}

/**
 * The images a request body's messages carry, in order, as base64: Anthropic image blocks
 * (also inside tool results) and chat-completions image_url parts with a data URL. For tests
 * that check what reached the model.
 */
export function requestImages(body: unknown): string[] {
	const found: string[] = [];
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) return value.forEach(visit);
		if (!isRecord(value)) return;
		if (value.type === 'image' && isRecord(value.source)) {
			if (typeof value.source.data === 'string') found.push(value.source.data);
		} else if (value.type === 'image_url' && isRecord(value.image_url)) {
			const url = value.image_url.url;
			if (typeof url === 'string') found.push(url.slice(url.indexOf(',') + 1));
		} else Object.values(value).forEach(visit);
	};
	visit(messagesOf(body));
	return found;
}
