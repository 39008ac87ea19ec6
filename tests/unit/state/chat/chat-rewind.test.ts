import { describe, expect, it } from 'vitest';
import { parseRewindCommand, type ChatSession } from '../../../../src/lib/state/chat';
import { captureWorkspace } from '../../../../src/lib/state/checkpoints';
import { listCheckpoints, listSessions, loadSessionEvents } from '../../../../src/lib/storage';
import {
	answer,
	ScriptedProvider,
	startHangingTurn,
	toolCall,
	useChatHarness
} from './chat-harness';

const KEY = 'sk-test-key-123456';

describe('checkpoints around turns, and rewind', { timeout: 30_000 }, () => {
	const h = useChatHarness({ 'README.md': '# demo\n', '.gitignore': 'dist/\n' });

	async function filesNow(): Promise<Record<string, unknown>> {
		return (await captureWorkspace(h.workspace)).files;
	}

	/** Turn 1 writes notes.txt; turn 2 edits it and a command makes a file and removes README. */
	async function twoTurns(): Promise<{
		session: ChatSession;
		afterOne: Record<string, unknown>;
		afterTwo: Record<string, unknown>;
	}> {
		await h.settings.save({ provider: 'anthropic', apiKey: KEY, model: 'm' });
		const session = h.chat(
			new ScriptedProvider([
				toolCall('c1', 'write', { path: 'notes.txt', content: 'v1\n' }),
				answer('First done.'),
				toolCall('c2', 'edit', { path: 'notes.txt', old_string: 'v1', new_string: 'v2' }),
				toolCall('c3', 'bash', { command: 'echo made > by-bash.txt && rm README.md' }),
				answer('Second done.')
			]),
			{ files: h.workspace }
		);
		await session.load();
		await h.workspace.writeFile('dist/out.js', 'built');
		await session.send('First');
		const afterOne = await filesNow();
		await session.send('Second');
		const afterTwo = await filesNow();
		return { session, afterOne, afterTwo };
	}

	it('checkpoints before and after each turn, catching what commands changed', async () => {
		const { session, afterTwo } = await twoTurns();
		expect(afterTwo).toEqual({
			'.gitignore': 'dist/\n',
			'notes.txt': 'v2\n',
			'by-bash.txt': 'made\n'
		});
		const turns = await session.changeSource.turns();
		expect(turns).toEqual([
			{ turnIndex: 0, label: 'Turn 1' },
			{ turnIndex: 1, label: 'Turn 2' }
		]);
		const changes = await session.changeSource.changes({ kind: 'turn', turnIndex: 1 });
		expect(changes.map((c) => [c.path, c.status])).toEqual([
			['README.md', 'deleted'],
			['by-bash.txt', 'added'],
			['notes.txt', 'modified']
		]);
		const whole = await session.changeSource.changes({ kind: 'session' });
		expect(whole.map((c) => [c.path, c.status])).toEqual([
			['README.md', 'deleted'],
			['by-bash.txt', 'added'],
			['notes.txt', 'added']
		]);
		const metas = await listCheckpoints('p1', session.sessionId!);
		expect(metas.map((m) => [m.reason, m.turnIndex])).toEqual([
			['turn-start', 0],
			['turn-end', 0],
			['turn-start', 1],
			['turn-end', 1]
		]);
		// Ignored output is left out, and said so.
		expect(metas[0]!.skipped).toEqual([{ path: 'dist/out.js', reason: 'ignored' }]);
	});

	it('rewinds files and conversation, keeps the whole chat as a branch, and undoes it', async () => {
		const { session, afterOne, afterTwo } = await twoTurns();
		const original = session.sessionId!;
		const before = await loadSessionEvents(original);

		await session.rewind.request(1);
		expect(session.rewind.pending).toMatchObject({
			turnIndex: 1,
			text: 'Second',
			canRewindFiles: true,
			skippedNote: '1 ignored file is not checkpointed: a rewind leaves it as it is.'
		});
		await session.rewind.choose('files-and-conversation');

		expect(await filesNow()).toEqual(afterOne);
		expect(h.workspace.getFile('dist/out.js')).toBeDefined();
		expect(session.sessionId).not.toBe(original);
		expect(session.rewind.composerText).toBe('Second');
		const branchEvents = await loadSessionEvents(session.sessionId!);
		const cut = before.findIndex((e) => e.type === 'user-message' && e.text === 'Second');
		expect(branchEvents).toEqual(before.slice(0, cut));
		expect(session.turns.map((t) => t.items[0])).toMatchObject([{ kind: 'user', text: 'First' }]);
		// Nothing deleted: the original, whole, is in Sessions; the branch opens on reload.
		const listed = await listSessions('p1');
		expect(listed.map((s) => s.title)).toEqual(['First', 'First (before rewind)']);
		expect(await loadSessionEvents(original)).toEqual(before);
		// The branch can be rewound again: it holds the first turn's checkpoints.
		expect((await session.changeSource.turns()).map((t) => t.turnIndex)).toEqual([0]);

		await session.rewind.undoRewind();
		expect(await filesNow()).toEqual(afterTwo);
		expect(session.sessionId).toBe(original);
		expect((await listSessions('p1')).map((s) => s.title)).toEqual(['First']);
		expect(session.notice?.message).toBe('The rewind was undone.');
	});

	it('"Conversation only" leaves the files, "Files only" leaves the conversation', async () => {
		const { session, afterOne, afterTwo } = await twoTurns();
		const original = session.sessionId!;
		await session.rewind.request(1);
		await session.rewind.choose('conversation');
		expect(await filesNow()).toEqual(afterTwo);
		expect(session.sessionId).not.toBe(original);
		await session.rewind.undoRewind();

		await session.rewind.request(1);
		await session.rewind.choose('files');
		expect(await filesNow()).toEqual(afterOne);
		expect(session.sessionId).toBe(original);
		expect(session.rewind.undo?.filesCheckpointId).toBeDefined();
		const reasons = (await listCheckpoints('p1', original)).map((m) => m.reason);
		expect(reasons.at(-1)).toBe('before-rewind');
	});

	it('`/rewind` asks about the last message; a number beyond the chat is refused with a word', async () => {
		const { session } = await twoTurns();
		expect(await session.send('/rewind')).toEqual({ reason: 'command' });
		expect(session.rewind.pending?.turnIndex).toBe(1);
		session.rewind.cancel();
		await session.send('/rewind 5');
		expect(session.rewind.pending).toBeNull();
		expect(session.notice?.message).toMatch(/no message 5 .*has 2/);
	});

	it('refuses to rewind while a turn runs', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: KEY, model: 'm' });
		const { session, sent } = await startHangingTurn(
			(provider) => h.chat(provider, { files: h.workspace }),
			'Go'
		);
		await session.rewind.request(0);
		expect(session.rewind.pending).toBeNull();
		expect(session.notice?.message).toMatch(/turn is running.*stop it first/i);
		session.stop();
		await sent;
	});

	it('a checkpoint that fails does not stop the turn; the person is told', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: KEY, model: 'm' });
		const broken = new Proxy(h.workspace, {
			get(target, key) {
				if (key === 'allFiles') {
					return () => {
						throw new Error('disk on fire');
					};
				}
				const value = Reflect.get(target, key, target);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		const session = h.chat(new ScriptedProvider([answer('Still answered.')]), { files: broken });
		expect(await session.send('Hello')).toEqual({ reason: 'completed' });
		expect(session.notice?.message).toMatch(
			/could not be checkpointed before this turn \(disk on fire\)/
		);
		await session.rewind.request(0);
		expect(session.rewind.pending?.canRewindFiles).toBe(false);
	});
});

describe('parseRewindCommand', () => {
	it('reads /rewind and /rewind N, and nothing else', () => {
		expect(parseRewindCommand('/rewind')).toBeNull();
		expect(parseRewindCommand(' /rewind 3 ')).toBe(3);
		expect(parseRewindCommand('/rewind two')).toBe(0);
		expect(parseRewindCommand('/rewinder')).toBeUndefined();
		expect(parseRewindCommand('please /rewind')).toBeUndefined();
	});
});
