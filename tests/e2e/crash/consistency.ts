/**
 * What must hold after any crash, read from IndexedDB as the killed browser left it: files whole
 * (a file is its old or its new content, never a mix), every file a completed tool wrote is there
 * byte for byte, each chat's log a gap-free prefix of a valid conversation, drafts kept, nothing
 * set aside. Returns the problems in words, so one assertion shows all of them.
 */
import type { Page } from '@playwright/test';
import { readCheckpoints, type StoredCheckpoints } from './checkpoints';
import { readStore } from './idb-state';

export interface StoredProject {
	readonly projectId: string;
	/** path → text, `hex:<bytes>` for binary files, or `<dir>` for folders. */
	readonly files: Record<string, string>;
	readonly sessions: StoredSession[];
	/** path → draft text */
	readonly drafts: Record<string, string>;
	readonly quarantined: unknown[];
	readonly checkpoints: StoredCheckpoints;
	readonly problems: string[];
}

export interface StoredSession {
	readonly id: string;
	readonly events: StoredEvent[];
}

/** The fields the checker reads; the rest of each event is kept as stored. */
export interface StoredEvent {
	readonly type: string;
	readonly toolCallId?: string;
	readonly name?: string;
	readonly ok?: boolean;
	readonly reason?: string;
	readonly error?: { kind: string };
	readonly message?: { content: { type: string; id?: string; name?: string; input?: unknown }[] };
	readonly [field: string]: unknown;
}

export function projectIdOf(url: string): string {
	const match = /\/project\/([^/?#]+)/.exec(url);
	if (!match) throw new Error(`Not a project URL: ${url}`);
	return decodeURIComponent(match[1]!);
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && '__bytes' in value) {
		return `hex:${String((value as { __bytes: string }).__bytes)}`;
	}
	return undefined;
}

/** Reads everything of one project (and its chats) from the page's IndexedDB. */
export async function readProject(page: Page, projectId: string): Promise<StoredProject> {
	const problems: string[] = [];
	// One round trip's wait for all: each read is its own transaction either way.
	const [fileRecords, metas, events, draftRecords, quarantine, checkpoints] = await Promise.all([
		readStore(page, 'kiln-project-files', 'files'),
		readStore(page, 'kiln-sessions', 'sessions'),
		readStore(page, 'kiln-session-events', 'events'),
		readStore(page, 'kiln-drafts', 'drafts'),
		readStore(page, 'kiln-quarantine', 'records'),
		readCheckpoints(page, projectId)
	]);
	const files: Record<string, string> = {};
	for (const { key, value } of fileRecords) {
		const [owner, path] = key as [string, string];
		if (owner !== projectId) continue;
		const entry = value as { data?: unknown; dir?: unknown; mtimeMs?: unknown };
		if (entry?.dir === true) files[path] = '<dir>';
		else if (asText(entry?.data) !== undefined && typeof entry.mtimeMs === 'number') {
			files[path] = asText(entry.data)!;
		} else problems.push(`file ${path}: malformed record ${JSON.stringify(value)}`);
	}

	const ids = metas
		.filter(({ value }) => (value as { projectId?: unknown })?.projectId === projectId)
		.map(({ key }) => key as string);
	const byLog = new Map<string, { seq: number; event: StoredEvent }[]>();
	for (const { key, value } of events) {
		const [log, seq] = key as [string, number];
		const list = byLog.get(log) ?? [];
		list.push({ seq, event: value as StoredEvent });
		byLog.set(log, list);
	}
	const sessions: StoredSession[] = [];
	for (const id of ids) {
		const stored = (byLog.get(id) ?? []).sort((a, b) => a.seq - b.seq);
		stored.forEach(({ seq }, index) => {
			if (seq !== index)
				problems.push(`chat ${id}: event ${index} is stored at seq ${seq} (a gap)`);
		});
		sessions.push({ id, events: stored.map(({ event }) => event) });
	}

	const drafts: Record<string, string> = {};
	for (const { key, value } of draftRecords) {
		const [owner, path] = key as [string, string];
		if (owner === projectId) drafts[path] = String((value as { text?: unknown }).text);
	}
	const quarantined = quarantine.map((r) => r.value);
	return { projectId, files, sessions, drafts, quarantined, checkpoints, problems };
}

/** The tool calls of an assistant step. */
function callsOf(event: StoredEvent) {
	return (event.message?.content ?? []).filter((block) => block.type === 'tool_call');
}

/**
 * A chat log must read as a conversation cut off at some point: turns opened by a user message
 * and closed by a turn-end (all but the last), each tool result answering one earlier call of
 * its turn, once. Returns whether the last turn is still open (the crash cut it).
 */
export function checkLog(session: StoredSession, problems: string[]): { open: boolean } {
	let inTurn = false;
	let calls = new Set<string>();
	const answered = new Set<string>();
	session.events.forEach((event, index) => {
		const where = `chat ${session.id} event ${index} (${event.type})`;
		switch (event.type) {
			case 'user-message':
				if (inTurn) problems.push(`${where}: a new turn began before the last one ended`);
				inTurn = true;
				calls = new Set();
				break;
			case 'assistant-step':
				if (!inTurn) problems.push(`${where}: outside a turn`);
				for (const call of callsOf(event)) calls.add(call.id!);
				break;
			case 'tool-result':
				if (!calls.has(event.toolCallId!)) problems.push(`${where}: answers no call of its turn`);
				if (answered.has(event.toolCallId!)) problems.push(`${where}: a second result`);
				answered.add(event.toolCallId!);
				break;
			case 'turn-end':
				if (!inTurn) problems.push(`${where}: ends no turn`);
				inTurn = false;
				break;
			case 'session-start':
				// Only a mode switch made before the first message may come before it.
				if (session.events.slice(0, index).some((e) => e.type !== 'mode-change')) {
					problems.push(`${where}: not at the start`);
				}
				break;
			case 'request':
			case 'mode-change':
			case 'compaction':
			case 'context-cleared':
				break;
			default:
				problems.push(`${where}: unknown event type`);
		}
	});
	return { open: inTurn };
}

/**
 * Every file a completed write or edit left must be in storage as the last such tool of its chat
 * left it (an earlier one was overwritten by it), unless the scenario changed it afterwards
 * (`changedLater`: a rewind, a revert, a later chat).
 */
export function checkToolWrites(
	project: StoredProject,
	problems: string[],
	changedLater: readonly string[] = []
): void {
	type Input = { path?: string; content?: string; new_string?: string };
	for (const session of project.sessions) {
		const calls = new Map<string, { name?: string; input?: unknown }>();
		const last = new Map<string, { name?: string; input: Input }>();
		for (const event of session.events) {
			if (event.type === 'assistant-step')
				for (const call of callsOf(event)) calls.set(call.id!, call);
			if (event.type !== 'tool-result' || !event.ok) continue;
			if (event.name !== 'write' && event.name !== 'edit') continue;
			const input = calls.get(event.toolCallId!)?.input as Input | undefined;
			const path = input?.path?.replace(/^\/+/, '');
			if (input && path && !changedLater.includes(path))
				last.set(path, { name: event.name, input });
		}
		for (const [path, { name, input }] of last) {
			const stored = project.files[path];
			if (name === 'write' && stored !== input.content) {
				problems.push(
					`${path}: a completed write left ${JSON.stringify(input.content)}, storage holds ${JSON.stringify(stored)}`
				);
			}
			if (name === 'edit' && !stored?.includes(input.new_string ?? '')) {
				problems.push(`${path}: a completed edit is missing from storage`);
			}
		}
	}
}

export interface Expectations {
	/** Exact contents. */
	readonly files?: Record<string, string>;
	/** Files a crash may leave in either state: stored as one of these, whole (undefined: absent). */
	readonly oneOf?: Record<string, readonly (string | undefined)[]>;
	readonly absent?: readonly string[];
	/** path → text that must be in the stored draft */
	readonly drafts?: Record<string, string>;
	/** path → text the person saved at the crash: in the file, or else whole in its draft. */
	readonly savedOrDrafted?: Record<string, string>;
	/** Whether the newest chat's last turn must be left open (the crash cut it). */
	readonly openTurn?: boolean;
	/** Paths changed after a tool wrote them (not held to the tool's content). */
	readonly changedLater?: readonly string[];
	readonly quarantined?: number;
}

/** Every problem with what the crash left, in words; [] when storage is consistent. */
export function checkProject(project: StoredProject, expect: Expectations = {}): string[] {
	const problems = [...project.problems];
	for (const [path, text] of Object.entries(expect.files ?? {})) {
		if (project.files[path] !== text) {
			problems.push(
				`${path}: expected ${JSON.stringify(text)}, stored ${JSON.stringify(project.files[path])}`
			);
		}
	}
	for (const [path, allowed] of Object.entries(expect.oneOf ?? {})) {
		if (!allowed.includes(project.files[path])) {
			problems.push(
				`${path}: stored ${JSON.stringify(project.files[path])}, torn or lost (allowed: ${JSON.stringify(allowed)})`
			);
		}
	}
	for (const path of expect.absent ?? []) {
		if (path in project.files) problems.push(`${path}: should not exist`);
	}
	for (const [path, text] of Object.entries(expect.drafts ?? {})) {
		if (!project.drafts[path]?.includes(text))
			problems.push(`draft of ${path}: lost ${JSON.stringify(text)}`);
	}
	for (const [path, text] of Object.entries(expect.savedOrDrafted ?? {})) {
		if (project.files[path] !== text && project.drafts[path] !== text) {
			problems.push(`${path}: the saved text is neither in the file nor in its draft`);
		}
	}
	const opens = project.sessions.map((session) => checkLog(session, problems).open);
	if (expect.openTurn !== undefined && !opens.includes(expect.openTurn)) {
		problems.push(
			`expected ${expect.openTurn ? 'an' : 'no'} open turn, logs: ${JSON.stringify(opens)}`
		);
	}
	checkToolWrites(project, problems, expect.changedLater);
	problems.push(...project.checkpoints.problems);
	if (project.quarantined.length !== (expect.quarantined ?? 0)) {
		problems.push(`set aside: ${JSON.stringify(project.quarantined)}`);
	}
	return problems;
}
