/**
 * Session events → the model request, built for the prompt cache (the rules it relies on are in
 * docs/ARCHITECTURE.md, "Context engineering").
 *
 * Layout, most stable first: tools (the registry's fixed order and text) → the static system
 * prompt → the session context (environment, project memory, project map), frozen at session
 * start → messages. Four cache breakpoints at most:
 *   1. the end of the system prompt (covers the tools too),
 *   2. the end of the session context,
 *   3–4. the last block of each of the two newest user messages. Two moving breakpoints, so the
 *        previous request's last breakpoint is always still marked: a long turn of tool results
 *        cannot push it out of the API's 20-block lookback.
 * Nothing in the prefix ever changes mid-session: mode switches, reasoning settings, user edits and
 * runtime changes
 * travel as reminder blocks inside the next user message. Clearing replaces old tool results by
 * placeholders (the cache is rewritten from the first one on, never before it); after a
 * compaction the messages start from the summary. OpenAI-style APIs ignore the markers but get
 * the same byte-stable prefix, which their automatic prefix caches need.
 *
 * Everything here is a pure function of the events: rebuildRequest relies on that.
 */
import type {
	AssistantMessage,
	ChatMessage,
	ModelRequest,
	SystemBlock,
	ToolCallBlock,
	ToolDefinition,
	UserMessage
} from '../providers';
import { clearedPlaceholder, clearedToolCallIds, viewStart } from './context/clearing';
import { compactedContextText } from './context/compaction';
import { modeReminder, reasoningReminder } from './context/reminders';
import {
	imageContent,
	IMAGES_AS_NOTES,
	toolResultContent,
	type RequestImages
} from './request-images';
import { buildSystemPrompt } from './system-prompt';
import type { SessionEvent } from './types';

/** What a tool call the log has no result for is answered with (the tab closed mid-step). */
export const MISSING_RESULT_TEXT =
	'Not run: the session was interrupted before this call finished, so its result is unknown. Check the files before relying on it.';

export interface BuildRequestInput {
	model: string;
	events: readonly SessionEvent[];
	tools: readonly ToolDefinition[];
	maxTokens: number;
	signal?: AbortSignal;
	/** The session's images and whether the model takes them. Absent: every image as a note. */
	images?: RequestImages;
}

export function buildRequest(input: BuildRequestInput): ModelRequest {
	// No marker on the tools: the system prompt's breakpoint right after them covers them.
	const tools = input.tools.map((tool) => {
		const copy = { ...tool };
		delete copy.cache;
		return copy;
	});

	const system: SystemBlock[] = buildSystemPrompt().map((block) => ({ ...block, cache: {} }));
	const session = sessionContextText(input.events);
	if (session !== undefined) system.push({ text: session, cache: {} });

	const messages = buildMessages(input.events, input.images);
	markNewestUserMessages(messages);

	return {
		model: input.model,
		system,
		tools,
		messages,
		maxTokens: input.maxTokens,
		signal: input.signal
	};
}

/** The environment text frozen at session start, if the session recorded one. */
export function sessionEnvironment(events: readonly SessionEvent[]): string | undefined {
	return sessionStart(events)?.environment;
}

/** The session-context system block: environment and the rest, as frozen at session start. */
export function sessionContextText(events: readonly SessionEvent[]): string | undefined {
	const start = sessionStart(events);
	const parts = [start?.environment, start?.sessionContext].filter(
		(part): part is string => part !== undefined && part !== ''
	);
	return parts.length === 0 ? undefined : parts.join('\n\n');
}

function sessionStart(events: readonly SessionEvent[]) {
	for (const event of events) {
		if (event.type === 'session-start') return event;
	}
	return undefined;
}

/**
 * Rebuilds the conversation the model sees: what follows the latest compaction (opened by its
 * summary), with cleared results as placeholders and mode and reasoning changes as reminders.
 *
 * Both APIs insist that every tool call is answered by a result in the very next user message
 * and that roles alternate, so this repairs what a log cut short could hold: calls without
 * results get one, results without calls are dropped, consecutive messages of one role are
 * merged and empty assistant messages left out.
 */
export function buildMessages(
	events: readonly SessionEvent[],
	images: RequestImages = IMAGES_AS_NOTES
): ChatMessage[] {
	const messages: ChatMessage[] = [];
	/** Calls of the last assistant message still waiting for their result. */
	let pending = new Map<string, ToolCallBlock>();
	/** Reminders waiting for the next user-side message (never added to one already sent). */
	let reminders: string[] = [];
	const cleared = clearedToolCallIds(events);

	const userMessage = (): UserMessage => {
		const last = messages.at(-1);
		if (last?.role === 'user') return last;
		const message: UserMessage = { role: 'user', content: [] };
		messages.push(message);
		return message;
	};
	const answerPending = () => {
		if (pending.size === 0) return;
		const target = userMessage();
		for (const call of pending.values()) {
			target.content.push({
				type: 'tool_result',
				toolCallId: call.id,
				content: MISSING_RESULT_TEXT,
				isError: true
			});
		}
		pending = new Map();
	};
	const flushReminders = () => {
		if (reminders.length === 0) return;
		const target = userMessage();
		for (const text of reminders) target.content.push({ type: 'text', text });
		reminders = [];
	};

	const start = viewStart(events);
	const compaction = events[start - 1];
	if (compaction?.type === 'compaction') {
		userMessage().content.push({ type: 'text', text: compactedContextText(compaction) });
	}

	for (const event of events.slice(start)) {
		switch (event.type) {
			case 'user-message': {
				answerPending();
				flushReminders();
				const target = userMessage();
				if (event.reminder) target.content.push({ type: 'text', text: event.reminder });
				// Images before the words about them, as Anthropic advises. A cleared message's
				// images (its id in a context-cleared event) go as placeholders.
				for (const ref of event.images ?? []) {
					target.content.push(imageContent(ref, 'attached', images, cleared.has(event.id)));
				}
				// An image sent without words has no text block (the APIs refuse empty text).
				if (event.text !== '' || !event.images?.length) {
					target.content.push({ type: 'text', text: event.text });
				}
				break;
			}
			case 'assistant-step': {
				answerPending();
				const content = event.message.content.filter(isSendable).map((block) => ({ ...block }));
				if (content.length === 0) break;
				// A reminder that came during the turn rides with the tool results before this step.
				if (messages.at(-1)?.role === 'user') flushReminders();
				const last = messages.at(-1);
				if (last?.role === 'assistant') last.content.push(...content);
				else messages.push({ role: 'assistant', content } satisfies AssistantMessage);
				for (const block of content) {
					if (block.type === 'tool_call') pending.set(block.id, block);
				}
				break;
			}
			case 'tool-result': {
				const call = pending.get(event.toolCallId);
				if (!call) break;
				pending.delete(event.toolCallId);
				const isCleared = cleared.has(event.toolCallId);
				const output = isCleared
					? clearedPlaceholder(call.name, call.input, event.output)
					: event.output;
				userMessage().content.push({
					type: 'tool_result',
					toolCallId: event.toolCallId,
					...toolResultContent(output, event.images, images, isCleared),
					...(event.ok ? {} : { isError: true })
				});
				break;
			}
			case 'mode-change':
				reminders.push(modeReminder(event.mode));
				break;
			case 'reasoning-change':
				// Before the first message there is nothing to compare with: no announcement.
				if (messages.length > 0) reminders.push(reasoningReminder(event.effort));
				break;
			case 'session-start':
			case 'turn-end':
			case 'context-cleared':
			case 'compaction':
			case 'request':
				break;
		}
	}
	answerPending();
	// Reminders still waiting go with the newest user message only if it has not been sent yet,
	// i.e. it holds the results this request is the first to carry.
	if (messages.at(-1)?.role === 'user') flushReminders();
	return messages;
}

/**
 * A block an API will take back. Empty text (a stream cut at its start) and unsigned thinking
 * (cut before its signature, or from an API without signatures) are refused by Anthropic.
 */
function isSendable(block: AssistantMessage['content'][number]): boolean {
	switch (block.type) {
		case 'text':
			return block.text !== '';
		case 'thinking':
			return block.signature !== undefined && block.signature !== '';
		case 'redacted_thinking':
		case 'tool_call':
			return true;
	}
}

/**
 * The two moving breakpoints: the last block (as the Anthropic adapter orders them: tool
 * results first, then text and images in their order) of each of the two newest user messages.
 */
function markNewestUserMessages(messages: ChatMessage[]): void {
	let marked = 0;
	for (let i = messages.length - 1; i >= 0 && marked < 2; i--) {
		const message = messages[i]!;
		if (message.role !== 'user') continue;
		const others = message.content.filter((block) => block.type !== 'tool_result');
		const block = others.at(-1) ?? message.content.at(-1);
		if (!block) continue;
		block.cache = {};
		marked++;
	}
}
