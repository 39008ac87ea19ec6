/**
 * `kiln run`'s sessions, kept in the project folder under .kiln/sessions/: one JSON Lines file per
 * session (one SessionEvent a line), each event appended as it happens, so a crash loses at most
 * the line being written. A subagent's transcript goes to .kiln/sessions/ID/SUBAGENT.jsonl.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { memorySessionLog, type SessionEvent, type SessionLog } from '../lib/agent';
import { sessionEventSchema } from '../lib/storage';
import { jsonLinesWriter } from './json-lines';
import { UsageError } from './usage-error';

export const KILN_DIR = '.kiln';
export const SESSIONS_DIR = `${KILN_DIR}/sessions`;
/**
 * Written when kiln creates .kiln/: git then leaves the sessions out of commits, and the workspace
 * (which follows .gitignore files) leaves them out of the agent's project map, glob and grep.
 */
export const KILN_GITIGNORE = `# Kiln's stored sessions (kiln run): kept out of git and of the agent's view of the project.\n# Delete this file to commit them.\n*\n`;
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface SessionFileLog extends SessionLog {
	readonly id: string;
	readonly path: string;
	/** Lines of the stored session that were not a session event (set aside, see parseSessionLines). */
	readonly skipped: number;
	close(): Promise<void>;
}

export interface ReadSession {
	readonly events: SessionEvent[];
	/** Lines that were not a session event (a line cut by a crash, an edit by hand). */
	readonly skipped: number;
}

export function sessionsDir(root: string): string {
	return join(root, SESSIONS_DIR);
}

/**
 * Makes .kiln/sessions, with .kiln/.gitignore when .kiln/ is new (a person who deleted it chose to
 * commit the sessions). Called before the project is opened, so the workspace's first look at the
 * folder already sees the ignore rule.
 */
export async function prepareSessionsDir(root: string): Promise<void> {
	const kiln = join(root, KILN_DIR);
	const existed = await stat(kiln).then(
		(info) => info.isDirectory(),
		() => false
	);
	await mkdir(sessionsDir(root), { recursive: true });
	if (!existed) await writeFile(join(kiln, '.gitignore'), KILN_GITIGNORE, { flag: 'wx' });
}

/** Sortable by start time (UTC), unique enough for one folder: 20261202-142005-3fa9c1. */
export function newSessionId(now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Reads a session file, setting aside lines that are not a valid event instead of failing. */
export function parseSessionLines(text: string): ReadSession {
	const events: SessionEvent[] = [];
	let skipped = 0;
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch {
			skipped++;
			continue;
		}
		if (sessionEventSchema.safeParse(parsed).success) events.push(parsed as SessionEvent);
		else skipped++;
	}
	return { events, skipped };
}

/**
 * Which stored session `--resume` names: an id, or 'latest' (the one written to last). Throws
 * a UsageError that lists what there is when it names none.
 */
export async function resolveSessionId(root: string, wanted: string): Promise<string> {
	const ids = await sessionIdsByActivity(root);
	if (ids.length === 0) {
		throw new UsageError(
			`There is no stored session to resume in ${sessionsDir(root)}. Run without --resume / --continue to start one.`
		);
	}
	if (wanted === 'latest') return ids[0]!;
	if (SESSION_ID.test(wanted) && ids.includes(wanted)) return wanted;
	throw new UsageError(
		`No session '${wanted}' in ${sessionsDir(root)}. Run 'kiln sessions --dir DIR' to list them, or use --resume latest.`
	);
}

/** Session ids, the most recently written first. */
export async function sessionIdsByActivity(root: string): Promise<string[]> {
	const dir = sessionsDir(root);
	const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return [] as string[];
		throw error;
	});
	const files = names.filter((name) => name.endsWith('.jsonl'));
	const dated = await Promise.all(
		files.map(async (name) => ({
			id: name.slice(0, -'.jsonl'.length),
			mtime: (await stat(join(dir, name))).mtimeMs
		}))
	);
	dated.sort((a, b) => b.mtime - a.mtime || b.id.localeCompare(a.id));
	return dated.map((entry) => entry.id).filter((id) => SESSION_ID.test(id));
}

export async function readSessionFile(root: string, id: string): Promise<ReadSession> {
	return parseSessionLines(await readFile(join(sessionsDir(root), `${id}.jsonl`), 'utf8'));
}

/**
 * The log of a new session (`id` undefined) or of a stored one, continued: its earlier events
 * are what the Agent continues from. Each event is written (secrets scrubbed) before the agent
 * goes on; a failing disk is reported once through `warn` and does not stop the turn.
 */
export async function openSessionFile(
	root: string,
	options: {
		id?: string;
		redact: (text: string) => string;
		warn: (text: string) => void;
		/** Also receives every new event (the --json file). */
		tee?: SessionLog;
	}
): Promise<SessionFileLog> {
	const dir = sessionsDir(root);
	await prepareSessionsDir(root);
	const id = options.id ?? newSessionId();
	const path = join(dir, `${id}.jsonl`);
	const earlier = options.id ? await readSessionFile(root, id) : { events: [], skipped: 0 };
	// 'a+': appends, and can read the last byte back.
	const file = await open(path, 'a+');
	// A line cut by a crash must not swallow the next event.
	if (options.id && !(await endsWithNewline(file))) await file.write('\n');
	const memory = memorySessionLog(earlier.events);
	const write = jsonLinesWriter(file, options.redact, (failure) =>
		options.warn(
			`kiln: could not write to ${path} (${failure.message}); the rest of this session is not stored.\n`
		)
	);
	return {
		id,
		path,
		skipped: earlier.skipped,
		get events() {
			return memory.events as SessionEvent[];
		},
		async append(event) {
			await memory.append(event);
			await options.tee?.append(event);
			await write(event);
		},
		// Images stay in memory: the JSON lines name them by hash only.
		putImage: (image) => memory.putImage(image),
		image: (hash) => memory.image(hash),
		close: () => file.close()
	};
}

/** Stores a subagent's transcript beside its parent session. */
export async function storeSubagentFile(
	root: string,
	sessionId: string,
	subagentId: string,
	events: readonly SessionEvent[],
	redact: (text: string) => string
): Promise<void> {
	const dir = join(sessionsDir(root), sessionId);
	await mkdir(dir, { recursive: true });
	const safe = subagentId.replace(/[^A-Za-z0-9._-]/g, '_');
	const lines = events.map((event) => `${redact(JSON.stringify(event))}\n`).join('');
	const file = await open(join(dir, `${safe}.jsonl`), 'w');
	try {
		await file.write(lines);
	} finally {
		await file.close();
	}
}

/** Reads only the last byte: the session was just read whole, once is enough. */
async function endsWithNewline(file: FileHandle): Promise<boolean> {
	const { size } = await file.stat();
	if (size === 0) return true;
	const { buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
	return buffer[0] === 0x0a;
}

/** The provider and model a stored session last used: `--resume` defaults to them. */
export function storedModel(events: readonly SessionEvent[]): {
	provider?: string;
	model?: string;
} {
	const start = ofType(events, 'session-start')[0];
	const model = lastModel(events);
	return { ...(start ? { provider: start.provider } : {}), ...(model ? { model } : {}) };
}

/** The model the session last used (its last step's, else the one it started with). */
export function lastModel(events: readonly SessionEvent[]): string | undefined {
	return (
		ofType(events, 'assistant-step').at(-1)?.model ?? ofType(events, 'session-start')[0]?.model
	);
}

export function ofType<T extends SessionEvent['type']>(
	events: readonly SessionEvent[],
	type: T
): Extract<SessionEvent, { type: T }>[] {
	return events.filter((event): event is Extract<SessionEvent, { type: T }> => event.type === type);
}
