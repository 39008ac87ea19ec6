import type { ProjectWorkspace } from './types';

/** The project's memory file, at the project root (the name other coding agents read too). */
export const MEMORY_FILE = 'AGENTS.md';

/**
 * How much of AGENTS.md goes into the session context. It is part of the cached prefix on every
 * request, so a runaway file must not eat the context window; about 6,000 tokens.
 */
export const MAX_MEMORY_CHARS = 24_000;

/** What a new AGENTS.md says before anyone wrote a note in it (the Memory button creates it too). */
export const NEW_MEMORY_HEADING =
	'# AGENTS.md\n\nNotes for the coding agent about this project: conventions, commands, decisions.\n';

/** The project memory for the session context, or null when there is none (or it is empty). */
export async function loadProjectMemory(
	workspace: Pick<ProjectWorkspace, 'exists' | 'readText'>
): Promise<string | null> {
	if (!workspace.exists(MEMORY_FILE)) return null;
	const text = await workspace.readText(MEMORY_FILE);
	if (text.trim() === '') return null;
	if (text.length <= MAX_MEMORY_CHARS) return text;
	// Cut at a line break so the model never sees half a sentence as if it were the rule.
	const lineEnd = text.lastIndexOf('\n', MAX_MEMORY_CHARS);
	const kept = text.slice(0, lineEnd > MAX_MEMORY_CHARS / 2 ? lineEnd : MAX_MEMORY_CHARS);
	return (
		`${kept.trimEnd()}\n\n[${MEMORY_FILE} is ${text.length.toLocaleString('en-US')} characters; ` +
		`only the first ${kept.length.toLocaleString('en-US')} are shown here. Read the file for the ` +
		`rest, and suggest that the person shortens it.]`
	);
}

/**
 * `/remember TEXT` → `TEXT` (trimmed); `/remember` with nothing after it → '' (the chat should say
 * what to write); anything else → null, so the chat sends it to the model as usual.
 */
export function parseRememberCommand(text: string): string | null {
	const match = /^\s*\/remember(?:\s+([\s\S]*))?$/.exec(text);
	if (!match) return null;
	return (match[1] ?? '').trim();
}

/**
 * Appends a note to AGENTS.md as a Markdown bullet, creating the file with a short heading when
 * it is missing. The session context is frozen at session start, so the note reaches the model
 * in the next session (the chat may also mention it in a reminder).
 */
export async function rememberNote(
	workspace: Pick<ProjectWorkspace, 'exists' | 'readText' | 'writeFile'>,
	text: string
): Promise<void> {
	const note = text.trim();
	if (note === '') {
		throw new Error(
			'There is nothing to remember: write the note after the command, like ' +
				'`/remember run tests with npm test`.'
		);
	}
	const existing = workspace.exists(MEMORY_FILE) ? await workspace.readText(MEMORY_FILE) : null;
	const before =
		existing === null || existing.trim() === ''
			? NEW_MEMORY_HEADING + '\n'
			: existing.endsWith('\n')
				? existing
				: existing + '\n';
	// Continuation lines are indented so a multi-line note stays one bullet.
	const bullet = '- ' + note.split(/\r?\n/).join('\n  ') + '\n';
	await workspace.writeFile(MEMORY_FILE, before + bullet);
}
