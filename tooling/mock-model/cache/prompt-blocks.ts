/**
 * An Anthropic Messages request body as the cache sees it: one flat list of blocks in prefix
 * order (tools → system → messages), each with the bytes that identify it, the text that is
 * counted, and its cache_control breakpoint if any.
 */

export interface PromptBlock {
	/** Which part of the prefix the block is in. */
	section: 'tools' | 'system' | 'messages';
	/** Canonical JSON of the block without its cache_control: what the cache key is made of. */
	identity: string;
	/** What the tokenizer counts: the block's content as the model reads it. */
	text: string;
	/** Set when the block carries cache_control. */
	breakpoint?: { ttlMs: number };
}

export interface SerializedPrompt {
	model: string;
	blocks: PromptBlock[];
	/**
	 * Request settings that, by the documented rules, invalidate the messages part of the cache
	 * when they change (tool_choice, thinking, …): folded into the key where messages start.
	 */
	messageSettings: string;
}

export const FIVE_MINUTES_MS = 5 * 60_000;
export const ONE_HOUR_MS = 60 * 60_000;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys, so two bodies that differ only in key order are the same prefix. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (isRecord(value)) {
		const keys = Object.keys(value)
			.filter((key) => value[key] !== undefined)
			.sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function breakpointOf(block: Json): PromptBlock['breakpoint'] {
	const control = block.cache_control;
	if (!isRecord(control)) return undefined;
	return { ttlMs: control.ttl === '1h' ? ONE_HOUR_MS : FIVE_MINUTES_MS };
}

function withoutCacheControl(block: Json): Json {
	const { cache_control: _dropped, ...rest } = block;
	return rest;
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
		.join('\n');
}

/** The text the model reads for one content block (what the tokenizer counts). */
function readableText(block: Json): string {
	switch (block.type) {
		case 'text':
			return typeof block.text === 'string' ? block.text : '';
		case 'thinking':
			return typeof block.thinking === 'string' ? block.thinking : '';
		case 'tool_use':
			return `${String(block.name)} ${JSON.stringify(block.input ?? {})}`;
		case 'tool_result':
			return textOf(block.content);
		default:
			return JSON.stringify(withoutCacheControl(block));
	}
}

function toolBlock(tool: unknown): PromptBlock {
	const record = isRecord(tool) ? tool : {};
	const text = [record.name, record.description, JSON.stringify(record.input_schema ?? {})]
		.filter((part) => typeof part === 'string')
		.join('\n');
	return {
		section: 'tools',
		identity: canonical(withoutCacheControl(record)),
		text,
		breakpoint: breakpointOf(record)
	};
}

function systemBlocks(system: unknown): PromptBlock[] {
	if (typeof system === 'string') {
		return system === '' ? [] : [{ section: 'system', identity: canonical(system), text: system }];
	}
	if (!Array.isArray(system)) return [];
	return system.filter(isRecord).map((block) => ({
		section: 'system',
		identity: canonical(withoutCacheControl(block)),
		text: readableText(block),
		breakpoint: breakpointOf(block)
	}));
}

function messageBlocks(messages: unknown): PromptBlock[] {
	if (!Array.isArray(messages)) return [];
	const blocks: PromptBlock[] = [];
	for (const message of messages.filter(isRecord)) {
		const role = String(message.role);
		// A string content is one text block; the role is part of every block's identity, so the
		// same text said by the other side is a different prefix.
		const content =
			typeof message.content === 'string'
				? [{ type: 'text', text: message.content }]
				: Array.isArray(message.content)
					? message.content.filter(isRecord)
					: [];
		content.forEach((block, index) => {
			blocks.push({
				section: 'messages',
				// The index marks where a message starts, so merging two messages changes the key.
				identity: `${role}#${index}:${canonical(withoutCacheControl(block))}`,
				text: readableText(block),
				breakpoint: breakpointOf(block)
			});
		});
	}
	return blocks;
}

/** Reads a Messages API body (already parsed JSON) into the cache's view of it. */
export function serializePrompt(body: unknown): SerializedPrompt {
	const record = isRecord(body) ? body : {};
	const tools = Array.isArray(record.tools) ? record.tools.map(toolBlock) : [];
	return {
		model: typeof record.model === 'string' ? record.model : '',
		blocks: [...tools, ...systemBlocks(record.system), ...messageBlocks(record.messages)],
		messageSettings: canonical({
			tool_choice: record.tool_choice,
			thinking: record.thinking
		})
	};
}
