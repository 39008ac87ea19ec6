import type { AgentOptions } from './agent-options';
import { processEndReminder } from './context/process-reminder';
import { reasoningChange } from './context/reminders';
import { ZERO_USAGE } from './model-step';
import { MISSING_RESULT_TEXT } from './request-builder';
import { describeEnvironment, describeRuntimeChange } from './system-prompt';
import { newId, type TurnRecorder } from './turn-recorder';
import type { ImageRef } from '../session';
import type { SessionEvent } from './types';

/**
 * What a turn records before its first model step: the session start (first turn only, with
 * the frozen session context), repairs of a turn cut short by a closed tab, then the person's
 * message with its reminders. `beforeMessage` runs right before the message is recorded (the
 * turn persists a pending mode switch there, so the message follows it).
 */
export async function startTurn(
	options: AgentOptions,
	recorder: TurnRecorder,
	message: { text: string; images?: readonly ImageRef[] },
	beforeMessage: () => Promise<void>
): Promise<void> {
	const { log } = options;
	// Read once: the session start and the message must name the same runtime.
	const capabilities = options.runtime().capabilities;
	if (!log.events.some((event) => event.type === 'session-start')) {
		const sessionContext = await optional(options.sessionContext);
		await recorder.persist({
			type: 'session-start',
			at: Date.now(),
			provider: options.providerId,
			model: options.model,
			runtime: capabilities.kind,
			environment: describeEnvironment(capabilities),
			...(sessionContext ? { sessionContext } : {})
		});
	}
	await closeUnfinishedTurn(log.events, recorder);
	await beforeMessage();
	// A changed reasoning setting is announced in this message (the prefix stays as it was).
	const reasoning = reasoningChange(log.events, options.reasoning);
	if (reasoning) await recorder.persist(reasoning);
	const previous = lastRuntime(log.events);
	const changed = previous !== undefined && previous !== capabilities.kind;
	const reminders = [
		changed ? describeRuntimeChange(capabilities) : undefined,
		await optional(options.userEdits),
		options.processReminders ? processEndReminder(options.runtime().processes) : undefined
	].filter((text): text is string => text !== undefined && text !== '');
	const { text, images } = message;
	await recorder.persist({
		type: 'user-message',
		id: newId(),
		at: Date.now(),
		text,
		...(images && images.length > 0 ? { images } : {}),
		runtime: capabilities.kind,
		...(reminders.length > 0 ? { reminder: reminders.join('\n\n') } : {})
	});
}

/**
 * A turn the page closed in the middle of has no turn-end, and maybe tool calls without
 * results. Record them as interrupted so the log reads true and stays valid for the APIs.
 */
async function closeUnfinishedTurn(
	events: readonly SessionEvent[],
	recorder: TurnRecorder
): Promise<void> {
	let lastUser = -1;
	for (let i = events.length - 1; i >= 0; i--) {
		const type = events[i]!.type;
		if (type === 'turn-end') return;
		if (type === 'user-message') {
			lastUser = i;
			break;
		}
	}
	if (lastUser < 0) return;
	const answered = new Set<string>();
	const calls: { id: string; name: string }[] = [];
	for (const event of events.slice(lastUser)) {
		if (event.type === 'tool-result') answered.add(event.toolCallId);
		if (event.type === 'assistant-step') {
			for (const block of event.message.content) {
				if (block.type === 'tool_call') calls.push({ id: block.id, name: block.name });
			}
		}
	}
	for (const call of calls) {
		if (answered.has(call.id)) continue;
		await recorder.persist({
			type: 'tool-result',
			at: Date.now(),
			toolCallId: call.id,
			name: call.name,
			ok: false,
			output: MISSING_RESULT_TEXT,
			durationMs: 0
		});
	}
	await recorder.persist({
		type: 'turn-end',
		at: Date.now(),
		reason: 'aborted',
		error: {
			kind: 'interrupted',
			message: 'This turn was cut short when the page closed. Send a message to continue.'
		},
		usage: { ...ZERO_USAGE }
	});
}

/** A context callback's text; its failure must not stop a turn (the context is only richer). */
async function optional(
	source: (() => Promise<string | null | undefined>) | undefined
): Promise<string | undefined> {
	if (!source) return undefined;
	try {
		return (await source()) ?? undefined;
	} catch {
		return undefined;
	}
}

/** The runtime of the newest user message (or the session start). */
function lastRuntime(events: readonly SessionEvent[]): string | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'user-message' && event.runtime) return event.runtime;
		if (event.type === 'session-start') return event.runtime;
	}
	return undefined;
}
