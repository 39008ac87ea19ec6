/**
 * A session as Markdown a person can read anywhere: what was asked, what the agent answered, and
 * each tool call with its input and a summary of its result. Lossy on purpose (thinking, request
 * snapshots and long outputs are left out); the JSON document is the faithful copy.
 */
import type { SessionEvent } from '../agent';
import type { SessionSource } from './session-document';

const RESULT_MAX_LINES = 20;
const RESULT_MAX_CHARS = 2000;
const INPUT_MAX_CHARS = 4000;

export function sessionToMarkdown(source: SessionSource): string {
	const parts: string[] = [`# ${oneLine(source.title) || 'Conversation'}`];
	const about = [`Started ${new Date(source.createdAt).toISOString()}`];
	if (source.model)
		about.push(`model ${source.provider ? `${source.provider}/` : ''}${source.model}`);
	parts.push(`_${about.join(', ')}. Exported from Kiln._`);
	const toolNames = new Map<string, string>();
	for (const event of source.events) {
		const part = renderEvent(event, toolNames);
		if (part) parts.push(part);
	}
	return parts.join('\n\n') + '\n';
}

function renderEvent(event: SessionEvent, toolNames: Map<string, string>): string | undefined {
	switch (event.type) {
		case 'user-message':
			return `## You\n\n${event.text}`;
		case 'assistant-step': {
			const blocks: string[] = [];
			for (const block of event.message.content) {
				if (block.type === 'text' && block.text.trim()) blocks.push(block.text);
				if (block.type === 'tool_call') {
					toolNames.set(block.id, block.name);
					const input = clip(JSON.stringify(block.input, null, 2), INPUT_MAX_CHARS);
					blocks.push(`**Tool call \`${block.name}\`**\n\n${fenced(input, 'json')}`);
				}
			}
			if (blocks.length === 0) return undefined;
			const heading = event.step === 1 ? '## Assistant\n\n' : '';
			const cut = event.interrupted ? '\n\n_(interrupted)_' : '';
			return heading + blocks.join('\n\n') + cut;
		}
		case 'tool-result': {
			const name = toolNames.get(event.toolCallId) ?? event.name;
			const status = event.ok ? 'result' : 'failed';
			return `**\`${name}\` ${status}**\n\n${fenced(summarise(event.output), 'text')}`;
		}
		case 'turn-end':
			return event.error ? `_The turn ended with an error: ${event.error.message}_` : undefined;
		case 'compaction':
			return `_The conversation was summarised:_\n\n${quote(event.summary)}`;
		case 'mode-change':
			return `_Mode changed to ${event.mode}._`;
		case 'reasoning-change':
			return `_Reasoning effort set to ${event.effort}._`;
		default:
			return undefined;
	}
}

function summarise(output: string): string {
	const lines = output.split('\n');
	let text = lines.slice(0, RESULT_MAX_LINES).join('\n');
	const moreLines = lines.length - RESULT_MAX_LINES;
	text = clip(text, RESULT_MAX_CHARS);
	return moreLines > 0 ? `${text}\n… ${moreLines} more lines` : text;
}

function clip(text: string, max: number): string {
	return text.length <= max
		? text
		: `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** A code fence longer than any run of backticks inside, so tool output cannot close it early. */
function fenced(text: string, lang: string): string {
	const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	return `${fence}${lang}\n${text}\n${fence}`;
}

function quote(text: string): string {
	return text
		.split('\n')
		.map((line) => `> ${line}`)
		.join('\n');
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}
