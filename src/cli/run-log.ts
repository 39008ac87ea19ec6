import type { AgentError, LiveEvent, SessionEvent, TurnEndReason } from '../lib/agent';
import type { Usage } from '../lib/providers';
import type { PreviewEvent } from '../lib/runtime';
import type { TodoItem } from '../lib/tools';
import type { CliOutput } from './output';

const RESULT_LINE_CHARS = 120;

const TODO_MARKS: Record<TodoItem['status'], string> = {
	pending: '[ ]',
	in_progress: '[>]',
	completed: '[x]'
};

const END_TEXT: Record<TurnEndReason, string> = {
	completed: 'completed',
	aborted: 'stopped (Ctrl+C)',
	'step-limit': 'stopped at the step limit',
	'failure-limit': 'stopped after repeated failing tool calls',
	error: 'failed'
};

/**
 * Turns the agent's live events into a log a person can follow in a terminal: the model's
 * text as it streams, `→ tool: summary` for each call with a one-line result under it,
 * retries, and at the end why the turn stopped and the tokens it used.
 */
export class RunLog {
	readonly #output: CliOutput;
	#atLineStart = true;
	/** The call whose line was printed last: its result can follow without repeating its name. */
	#lastCallId: string | undefined;
	readonly #subagentNames = new Map<string, string>();

	constructor(output: CliOutput) {
		this.#output = output;
	}

	handle(event: LiveEvent): void {
		switch (event.type) {
			case 'text-delta':
				this.#write(event.text);
				return;
			case 'tool-call-ready':
				this.#line(`→ ${event.name}${event.summary ? `: ${event.summary}` : ''}`);
				this.#lastCallId = event.id;
				return;
			case 'todos':
				for (const todo of event.todos) this.#line(`  ${TODO_MARKS[todo.status]} ${todo.content}`);
				return;
			case 'retry':
				this.#line(
					`↻ ${event.error.message} Retrying in ${formatSeconds(event.delayMs)} (attempt ${event.attempt}).`
				);
				return;
			case 'persisted':
				this.#persisted(event.event);
				return;
			default:
				// Thinking, argument deltas and bash's live output would drown the log.
				return;
		}
	}

	/**
	 * A subagent's progress (a task call's): one indented line per tool it calls, so a long task
	 * does not look stuck. Its text and results stay in its transcript.
	 */
	handleSubagent(subagentId: string, event: LiveEvent): void {
		if (event.type !== 'tool-call-ready') return;
		const who = this.#subagentNames.get(subagentId) ?? `subagent ${this.#subagentNames.size + 1}`;
		this.#subagentNames.set(subagentId, who);
		this.#line(`  ↳ ${who} → ${event.name}${event.summary ? `: ${event.summary}` : ''}`);
		this.#lastCallId = undefined;
	}

	/** A server a command started says where it listens (or closed). */
	preview(event: PreviewEvent): void {
		this.#line(
			event.type === 'ready'
				? `  ⇢ Server ready: ${event.url}`
				: `  ⇢ Server on port ${event.port} closed`
		);
	}

	/** Where the session is stored and how to go on with it. */
	session(id: string, dir: string): void {
		const folder = /[\s'"]/.test(dir) ? JSON.stringify(dir) : dir;
		this.#line(`  Session ${id}: continue it with kiln run --dir ${folder} --resume ${id} -p "…"`);
	}

	/** The last lines: why the turn ended and what it cost. */
	end(reason: TurnEndReason, usage: Usage, error?: AgentError): void {
		this.#line(`— Turn ${END_TEXT[reason]}. ${formatUsage(usage)}`);
		if (error) this.#line(`  ${error.message}`);
	}

	#persisted(event: SessionEvent): void {
		if (event.type === 'assistant-step' && event.interrupted) {
			this.#line('(the model’s answer was cut off here)');
		} else if (event.type === 'tool-result') {
			const label = event.toolCallId === this.#lastCallId ? '' : `${event.name}: `;
			const mark = event.ok ? '✓' : '✗';
			this.#line(`  ${mark} ${label}${summarizeOutput(event.output)}`);
			this.#lastCallId = undefined;
		}
	}

	#line(text: string): void {
		if (!this.#atLineStart) this.#write('\n');
		this.#write(`${text}\n`);
	}

	#write(text: string): void {
		if (text === '') return;
		this.#output.out(text);
		this.#atLineStart = text.endsWith('\n');
	}
}

/** The first non-empty line of a tool's output, cut short, and how many lines followed. */
export function summarizeOutput(output: string): string {
	const lines = output.split('\n');
	const firstIndex = lines.findIndex((line) => line.trim() !== '');
	if (firstIndex === -1) return '(no output)';
	let first = lines[firstIndex]!.trim();
	if (first.length > RESULT_LINE_CHARS) first = `${first.slice(0, RESULT_LINE_CHARS - 1)}…`;
	const rest = lines.slice(firstIndex + 1).filter((line) => line.trim() !== '').length;
	return rest > 0 ? `${first} (+${rest} more line${rest === 1 ? '' : 's'})` : first;
}

export function formatUsage(usage: Usage): string {
	const parts = [`${usage.inputTokens} in`, `${usage.outputTokens} out`];
	if (usage.cacheReadTokens > 0) parts.push(`${usage.cacheReadTokens} cache read`);
	if (usage.cacheWriteTokens > 0) parts.push(`${usage.cacheWriteTokens} cache write`);
	return `Tokens: ${parts.join(', ')}.`;
}

function formatSeconds(ms: number): string {
	return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
