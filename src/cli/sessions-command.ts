import { resolve } from 'node:path';
import type { SessionEvent } from '../lib/agent';
import { titleFromText } from '../lib/storage';
import { SESSIONS_HELP } from './command-help';
import type { CliOutput } from './output';
import { parseOptions } from './parse-options';
import {
	lastModel,
	ofType,
	readSessionFile,
	sessionIdsByActivity,
	sessionsDir
} from './session-files';
import { UsageError } from './usage-error';

export interface SessionSummary {
	id: string;
	/** When the session started (ISO 8601), or null when its start was not stored. */
	started: string | null;
	/** The newest prompt, shortened to a title. */
	lastPrompt: string;
	turns: number;
	model: string | null;
	/** Lines of the file that could not be read. */
	skippedLines: number;
}

/** `kiln sessions [--dir DIR] [--json]`: the sessions stored in DIR/.kiln/sessions. */
export async function sessionsCommand(args: readonly string[], output: CliOutput): Promise<number> {
	const { values, positionals } = parseOptions('sessions', args, {
		dir: { type: 'string' },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
	if (values.help) {
		output.out(SESSIONS_HELP);
		return 0;
	}
	if (positionals.length > 0) {
		throw new UsageError(`Unexpected argument '${positionals[0]}'. Pass the folder with --dir.`);
	}
	const root = resolve(values.dir ?? '.');
	const summaries: SessionSummary[] = [];
	for (const id of await sessionIdsByActivity(root)) {
		const { events, skipped } = await readSessionFile(root, id);
		summaries.push(summarize(id, events, skipped));
	}
	if (values.json) {
		output.out(`${JSON.stringify(summaries, null, 2)}\n`);
		return 0;
	}
	if (summaries.length === 0) {
		output.out(`No sessions stored in ${sessionsDir(root)} yet: 'kiln run' starts one.\n`);
		return 0;
	}
	output.out(formatTable(summaries));
	output.out(
		`\nNewest first. Continue one with: kiln run --dir ${values.dir ?? '.'} --resume ID -p "…" (or --continue for the newest).\n`
	);
	return 0;
}

export function summarize(
	id: string,
	events: readonly SessionEvent[],
	skippedLines = 0
): SessionSummary {
	const start = ofType(events, 'session-start')[0];
	const prompts = ofType(events, 'user-message');
	const last = prompts.at(-1);
	return {
		id,
		started: start ? new Date(start.at).toISOString() : null,
		lastPrompt: last ? titleFromText(last.text) : '',
		turns: prompts.length,
		model: lastModel(events) ?? null,
		skippedLines
	};
}

function formatTable(rows: readonly SessionSummary[]): string {
	const table = [
		['ID', 'STARTED (UTC)', 'TURNS', 'MODEL', 'LAST PROMPT'],
		...rows.map((row) => [
			row.id,
			row.started ? row.started.slice(0, 16).replace('T', ' ') : '?',
			String(row.turns),
			row.model ?? '?',
			row.lastPrompt + (row.skippedLines > 0 ? ` (${row.skippedLines} unreadable lines)` : '')
		])
	];
	const widths = table[0]!.map((_, column) =>
		Math.max(...table.map((cells) => cells[column]!.length))
	);
	return table
		.map((cells) =>
			cells
				.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
				.join('  ')
		)
		.join('\n')
		.concat('\n');
}
