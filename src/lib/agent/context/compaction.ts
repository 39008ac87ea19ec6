/**
 * Compaction: the model summarises the conversation, and later requests carry the summary (plus
 * fresh copies of what matters) instead of the conversation.
 *
 * The summary request is the request the next step would have sent, byte for byte, with one
 * text block more at its end: so it reads the whole conversation from the prompt cache instead
 * of paying for it again.
 */
import type { ModelRequest } from '../../providers';
import type { AgentMode, SessionEvent } from '../types';
import type { ContextPolicy } from './policy';
import { modeReminder, wrapReminder } from './reminders';
import { countTokens } from './tokens';

const SECTIONS = `## Intent
What the person asked for (their words where they matter), including later changes of mind.
## Decisions
Choices made and why; constraints agreed with the person.
## Files
Each file read, created or changed, with what matters about it (paths exact).
## Errors and fixes
What failed, the exact error where useful, and how it was fixed (or that it was not).
## Pending work
What remains to do, in order.
## Current state
What was being done right before this summary, and the very next step.`;

/** The instruction appended to the summary request. Static apart from the focus. */
export function compactionInstruction(focus?: string): string {
	const lines = [
		'Compaction: the conversation above is about to be replaced by a summary to free context, and you write it now. Do not call any tools; answer with the summary only.',
		'Write it for yourself, to carry on the work without the conversation: be specific (file paths, names, exact errors, commands) and brief. Use exactly these sections:',
		SECTIONS
	];
	if (focus) lines.push(`The person asked the summary to focus on: ${focus}`);
	return wrapReminder(lines.join('\n\n'));
}

/**
 * The summary request: `request` (as the next step would send it) plus the instruction, added
 * after the last block so every cache breakpoint stays where the previous request put it.
 */
export function compactionRequest(request: ModelRequest, focus?: string): ModelRequest {
	const messages = request.messages.map((message) => ({
		...message,
		content: [...message.content]
	})) as ModelRequest['messages'];
	const block = { type: 'text' as const, text: compactionInstruction(focus) };
	const last = messages.at(-1);
	if (last?.role === 'user') last.content.push(block);
	else messages.push({ role: 'user', content: [block] });
	return { ...request, messages };
}

/** The text that opens the conversation after a compaction. */
export function compactedContextText(event: Extract<SessionEvent, { type: 'compaction' }>): string {
	const parts = [
		'This session was compacted to free context: the conversation before this point was replaced by the summary you wrote of it.',
		`<summary>\n${event.summary.trim()}\n</summary>`
	];
	if (event.reinjected) parts.push(event.reinjected);
	return wrapReminder(parts.join('\n\n'));
}

/** Where compaction finds fresh copies of what the model should not lose. */
export interface ReinjectionSources {
	/** The current text of a project file, or undefined if it is gone. */
	readFile(path: string): Promise<string | undefined>;
	/** AGENTS.md as it is now. */
	projectMemory?: () => Promise<string | null | undefined>;
}

export interface ReinjectionInput {
	events: readonly SessionEvent[];
	manual: boolean;
	mode: AgentMode;
	policy: ContextPolicy;
	sources: ReinjectionSources;
	/** The model's context window: bounds what is re-injected (policy.reinjectMaxShare). */
	window: number;
}

/**
 * What the first message after a compaction carries besides the summary: project memory, the
 * most recently used files (re-read now, bounded), the mode if not auto, and for a compaction
 * in the middle of a turn, the person's request the turn is working on.
 */
export async function buildReinjection(input: ReinjectionInput): Promise<string> {
	const parts: string[] = [];
	const memory = await input.sources.projectMemory?.().catch(() => undefined);
	if (memory?.trim()) parts.push(`# Project memory (AGENTS.md, as it is now)\n${memory.trim()}`);

	const files = await recentFiles(input);
	if (files.length > 0) {
		parts.push(
			`# Recently used files, re-read now\n${files.map((file) => `## ${file.path}\n\`\`\`\n${file.text}\n\`\`\``).join('\n\n')}`
		);
	}
	if (input.mode !== 'auto') parts.push(modeReminder(input.mode));
	if (!input.manual) {
		const latest = latestUserText(input.events);
		if (latest !== undefined) {
			parts.push(
				`# The person's latest message (the current turn works on it)\n${latest}\n\nContinue from the current state; do not ask the person to repeat anything.`
			);
		}
	}
	return parts.join('\n\n');
}

/** Paths the model read, wrote or edited, newest first. */
export function recentlyUsedPaths(events: readonly SessionEvent[]): string[] {
	const paths: string[] = [];
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type !== 'assistant-step') continue;
		const calls = event.message.content.filter((block) => block.type === 'tool_call').reverse();
		for (const call of calls) {
			if (call.name !== 'read' && call.name !== 'write' && call.name !== 'edit') continue;
			const path = call.input.path;
			if (typeof path === 'string' && path !== '' && !paths.includes(path)) paths.push(path);
		}
	}
	return paths;
}

async function recentFiles(input: ReinjectionInput): Promise<{ path: string; text: string }[]> {
	const { policy } = input;
	const files: { path: string; text: string }[] = [];
	let budget = Math.min(
		policy.reinjectTotalTokens,
		Math.floor(input.window * policy.reinjectMaxShare)
	);
	for (const path of recentlyUsedPaths(input.events)) {
		if (files.length >= policy.reinjectFiles || budget <= 0) break;
		const text = await input.sources.readFile(path).catch(() => undefined);
		if (text === undefined) continue;
		const bounded = truncateToTokens(text, Math.min(policy.reinjectFileTokens, budget));
		budget -= countTokens(bounded);
		files.push({ path, text: bounded });
	}
	return files;
}

/** Whole lines from the start of `text` within `maxTokens`, with a note when cut. */
export function truncateToTokens(text: string, maxTokens: number): string {
	if (countTokens(text) <= maxTokens) return text;
	const lines = text.split('\n');
	const kept: string[] = [];
	let used = 0;
	for (const line of lines) {
		const cost = countTokens(line) + 1;
		if (used + cost > maxTokens) break;
		kept.push(line);
		used += cost;
	}
	return `${kept.join('\n')}\n[… ${lines.length - kept.length} more lines: read the file for the rest]`;
}

function latestUserText(events: readonly SessionEvent[]): string | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'user-message') return event.text;
	}
	return undefined;
}
