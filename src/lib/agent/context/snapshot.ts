/**
 * What the context inspector needs: each request's layers with token estimates and breakpoints
 * (stored as a 'request' event before sending), and the exact request rebuilt from the log.
 */
import type { ModelRequest, ToolDefinition } from '../../providers';
import { toolDefinitions } from '../../tools';
import { buildRequest } from '../request-builder';
import type { RequestLayer, RequestSnapshot, SessionEvent } from '../types';
import { compactionRequest } from './compaction';
import { imageTokens } from './images';
import { countTokens } from './tokens';

// Rough per-item framing the APIs add around content (role markers, block wrappers).
const BLOCK_OVERHEAD = 4;
const TOOL_OVERHEAD = 8;

export interface SnapshotOptions {
	kind: RequestSnapshot['kind'];
	focus?: string;
}

/** Layers of a request built by buildRequest: system[0] is the static prompt, the rest session. */
export function snapshotRequest(request: ModelRequest, options: SnapshotOptions): RequestSnapshot {
	const [prompt, ...session] = request.system;
	let breakpoints = 0;
	const layer = (
		name: RequestLayer['name'],
		items: readonly object[],
		tokens: number
	): RequestLayer => {
		const marked = items.filter((item) => 'cache' in item && item.cache !== undefined).length;
		breakpoints += marked;
		return { name, tokens, blocks: items.length, breakpoint: marked > 0 };
	};
	const messageBlocks: object[] = request.messages.flatMap((message): object[] => message.content);
	const layers: RequestLayer[] = [
		layer('tools', request.tools, sum(request.tools.map(toolTokens))),
		layer('system', prompt ? [prompt] : [], prompt ? countTokens(prompt.text) + BLOCK_OVERHEAD : 0),
		layer(
			'session',
			session,
			sum(session.map((block) => countTokens(block.text) + BLOCK_OVERHEAD))
		),
		layer('messages', messageBlocks, estimateMessageTokens(request.messages))
	];
	const images = requestImages(request.messages);
	return {
		layers,
		breakpoints,
		estimatedInputTokens: sum(layers.map((item) => item.tokens)),
		...(images.count > 0 ? { images } : {}),
		model: request.model,
		maxTokens: request.maxTokens,
		kind: options.kind,
		...(options.focus ? { focus: options.focus } : {}),
		toolNames: request.tools.map((tool) => tool.name)
	};
}

/** Estimated input tokens of a whole request. */
export function estimateRequestTokens(request: ModelRequest): number {
	return snapshotRequest(request, { kind: 'step' }).estimatedInputTokens;
}

type ContentBlock = ModelRequest['messages'][number]['content'][number];

/** The texts of a message block the estimate counts with countTokens() (none for redacted thinking). */
function blockTexts(block: ContentBlock): string[] {
	switch (block.type) {
		case 'text':
			return [block.text];
		case 'tool_result':
			return [block.content];
		case 'tool_call':
			return [block.name, JSON.stringify(block.input)];
		case 'thinking':
			return [block.thinking];
		default:
			return [];
	}
}

/** The texts of a tool definition the estimate counts. */
function toolTexts(tool: ToolDefinition): string[] {
	return [tool.name, tool.description, JSON.stringify(tool.inputSchema)];
}

/**
 * Every text snapshotRequest() counts with countTokens(), from the same walk: what
 * warmTokenCounts() should count ahead of a request over the same conversation.
 */
export function* countedTexts(request: ModelRequest): Generator<string> {
	for (const tool of request.tools) yield* toolTexts(tool);
	for (const block of request.system) yield block.text;
	for (const message of request.messages) {
		for (const block of message.content) yield* blockTexts(block);
	}
}

export function estimateMessageTokens(messages: ModelRequest['messages']): number {
	let tokens = 0;
	for (const message of messages) {
		for (const block of message.content) {
			tokens +=
				block.type === 'redacted_thinking'
					? Math.ceil(block.data.length / 4)
					: sum(blockTexts(block).map(countTokens)) + blockImageTokens(block);
			tokens += BLOCK_OVERHEAD;
		}
	}
	return tokens;
}

/** Tokens of the images a block is or carries (counted by size, not by their base64). */
function blockImageTokens(block: ContentBlock): number {
	if (block.type === 'image') return imageTokens(block);
	if (block.type === 'tool_result') return sum((block.images ?? []).map(imageTokens));
	return 0;
}

/** How many images the messages carry and what they cost, for the inspector. */
function requestImages(messages: ModelRequest['messages']): { count: number; tokens: number } {
	let count = 0;
	let tokens = 0;
	for (const message of messages) {
		for (const block of message.content) {
			const images =
				block.type === 'image' ? [block] : block.type === 'tool_result' ? (block.images ?? []) : [];
			count += images.length;
			tokens += sum(images.map(imageTokens));
		}
	}
	return { count, tokens };
}

function toolTokens(tool: ToolDefinition): number {
	return sum(toolTexts(tool).map(countTokens)) + TOOL_OVERHEAD;
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/**
 * The exact request a 'request' event stood for, rebuilt from the events before it (the loop
 * builds each request from the log, then stores its snapshot, then sends it). `tools` defaults
 * to the registry's; the snapshot's tool names pick and order them.
 */
export function rebuildRequest(
	events: readonly SessionEvent[],
	index: number,
	tools: readonly ToolDefinition[] = toolDefinitions()
): ModelRequest {
	const event = events[index];
	if (event?.type !== 'request') {
		throw new Error(
			`Event ${index} of this session is not a model request, so there is nothing to rebuild; pick a 'request' event.`
		);
	}
	const { snapshot } = event;
	const byName = new Map(tools.map((tool) => [tool.name, tool]));
	const sent = snapshot.toolNames.flatMap((name) => {
		const tool = byName.get(name);
		return tool ? [tool] : [];
	});
	const request = buildRequest({
		model: snapshot.model,
		events: events.slice(0, index),
		tools: sent,
		maxTokens: snapshot.maxTokens
	});
	return snapshot.kind === 'compaction' ? compactionRequest(request, snapshot.focus) : request;
}

export { requestUsage, sessionRequests } from './requests';
