import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent';
import {
	KILN_GITIGNORE,
	openSessionFile,
	parseSessionLines,
	prepareSessionsDir,
	resolveSessionId,
	sessionIdsByActivity
} from '../../../src/cli/session-files';
import { summarize } from '../../../src/cli/sessions-command';
import { UsageError } from '../../../src/cli/usage-error';
import { useTempDirs } from './cli-process';

const START: SessionEvent = {
	type: 'session-start',
	at: Date.UTC(2026, 11, 2, 14, 0),
	provider: 'anthropic',
	model: 'claude-sonnet-4-6',
	runtime: 'node'
};
const prompt = (text: string, at: number): SessionEvent => ({
	type: 'user-message',
	id: `u${at}`,
	at,
	text
});

const quiet = { redact: (text: string) => text, warn: () => undefined };

describe('kiln run session files (.kiln/sessions/ID.jsonl)', () => {
	const tempDir = useTempDirs();

	it('appends one event a line, and a resumed log starts with the stored events', async () => {
		const root = await tempDir();
		const log = await openSessionFile(root, quiet);
		await log.append(START);
		await log.append(prompt('first', 1));
		// Readable line by line before the log is closed: nothing waits in a buffer.
		expect((await readFile(log.path, 'utf8')).split('\n')).toHaveLength(3);
		await log.close();

		const resumed = await openSessionFile(root, { ...quiet, id: log.id });
		expect(resumed.events).toEqual([START, prompt('first', 1)]);
		await resumed.append(prompt('second', 2));
		await resumed.close();
		expect(parseSessionLines(await readFile(log.path, 'utf8')).events).toHaveLength(3);
	});

	it('a new .kiln/ gets a .gitignore of *; an existing .kiln/ without one is left as it is', async () => {
		const root = await tempDir();
		await prepareSessionsDir(root);
		expect(await readFile(join(root, '.kiln/.gitignore'), 'utf8')).toBe(KILN_GITIGNORE);
		expect(KILN_GITIGNORE.split('\n')).toContain('*');
		const kept = await tempDir();
		await mkdir(join(kept, '.kiln'));
		await prepareSessionsDir(kept);
		expect(existsSync(join(kept, '.kiln/.gitignore'))).toBe(false);
		expect(existsSync(join(kept, '.kiln/sessions'))).toBe(true);
	});

	it('sets aside a line cut by a crash, and the next event starts on a line of its own', async () => {
		const root = await tempDir();
		const log = await openSessionFile(root, quiet);
		await log.append(START);
		await log.close();
		await appendFile(log.path, '{"type":"user-message","id":"u1","at":1,"te');

		const resumed = await openSessionFile(root, { ...quiet, id: log.id });
		expect(resumed.skipped).toBe(1);
		expect(resumed.events).toEqual([START]);
		await resumed.append(prompt('again', 2));
		await resumed.close();
		const reread = parseSessionLines(await readFile(log.path, 'utf8'));
		expect(reread).toEqual({ events: [START, prompt('again', 2)], skipped: 1 });
	});

	it('ignores lines that are JSON but not an event', () => {
		const text = `${JSON.stringify(START)}\n{"type":"tool-result"}\n42\n\n`;
		expect(parseSessionLines(text)).toEqual({ events: [START], skipped: 2 });
	});

	it('--resume latest is the session written to last; an unknown id lists what to do', async () => {
		const root = await tempDir();
		await expect(resolveSessionId(root, 'latest')).rejects.toThrow(/no stored session/);
		const older = await openSessionFile(root, quiet);
		await older.append(START);
		await older.close();
		const newer = await openSessionFile(root, quiet);
		await newer.append(START);
		await newer.close();
		await utimes(older.path, new Date(), new Date(Date.now() + 60_000));
		expect(await sessionIdsByActivity(root)).toEqual([older.id, newer.id]);
		expect(await resolveSessionId(root, 'latest')).toBe(older.id);
		expect(await resolveSessionId(root, newer.id)).toBe(newer.id);
		const wrong = resolveSessionId(root, '../../etc/passwd');
		await expect(wrong).rejects.toBeInstanceOf(UsageError);
		await expect(wrong).rejects.toThrow(/kiln sessions/);
	});

	it('summarizes a session for kiln sessions', () => {
		expect(summarize('s1', [START, prompt('one', 1), prompt('fix the\nbuild', 2)], 3)).toEqual({
			id: 's1',
			started: '2026-12-02T14:00:00.000Z',
			lastPrompt: 'fix the',
			turns: 2,
			model: 'claude-sonnet-4-6',
			skippedLines: 3
		});
	});
});
