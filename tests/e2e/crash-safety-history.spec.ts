/**
 * Crash safety of what keeps work safe and portable: checkpoints, rewind, revert, import and
 * share links, each cut by killing the browser (see crash-safety.spec.ts and crash/README.md).
 * One scripted session: two agent turns write a.txt, then each point builds on what the one
 * before left. Every point waits for a visible or stored state, never a timer: a held IndexedDB
 * store keeps the step's write in flight.
 */
import { createHash } from 'node:crypto';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { startMockModelServer, type MockModelServer, type Turn } from '../../tooling/mock-model';
import {
	chatOf,
	createProjectAt,
	CrashRun,
	expectIdeReopened,
	expectTurnMarkedInterrupted,
	holdStore,
	modelRequests,
	readProject,
	readStore,
	sendMessage as send,
	stall,
	type Expectations,
	type StoredEvent,
	type StoredProject
} from './crash';
import { configure, runInTerminal } from './helpers';

test.describe.configure({ mode: 'serial', timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const tree = (page: Page) => page.getByRole('tree', { name: 'Files' });

/** Ids of the projects whose files are stored (a project's files are written before its record). */
async function fileOwners(page: Page): Promise<Set<string>> {
	const records = await readStore(page, 'kiln-project-files', 'files');
	return new Set(records.map(({ key }) => (key as string[])[0]!));
}

const isMessage = (text: string) => (event: StoredEvent) =>
	event.type === 'user-message' && event.text === text;

/** session id → its stored events, as JSON (to compare whole logs). */
function logs(project: StoredProject): Map<string, string[]> {
	return new Map(
		project.sessions.map((s) => [s.id, s.events.map((event) => JSON.stringify(event))])
	);
}

/** Nothing said is lost: every log before is still stored, whole and unchanged. */
function expectLogsKept(before: Map<string, string[]>, after: StoredProject) {
	const now = logs(after);
	for (const [id, events] of before) expect(now.get(id), `chat ${id}`).toEqual(events);
	return now;
}

test.describe('crash safety: checkpoints, rewind, revert, import and share links', () => {
	let run: CrashRun;
	let server: MockModelServer;
	let before = 0;
	/** The files the project was created with (before turn 1). */
	let initial: Record<string, string> = {};

	const stored = () => readProject(run.page, run.projectId);
	/** Files the agent wrote that a rewind or revert has changed since. */
	const changedLater: string[] = [];
	const crash = (expectations: Expectations = {}, reopen?: string) =>
		run.crash({ changedLater, ...expectations }, reopen);
	const script = (turns: Turn[]) => {
		server.setScript({ turns });
		before = modelRequests(server);
	};
	const held = (n: number) => expect.poll(() => modelRequests(server) - before).toBe(n);
	const metaIds = (project: StoredProject) => project.checkpoints.metas.map((meta) => meta.id);

	// eslint-disable-next-line no-empty-pattern
	test.beforeAll(async ({}, testInfo) => {
		server = await startMockModelServer({ script: [] });
		run = new CrashRun(String(testInfo.project.use.baseURL));
		await run.start();
		await createProjectAt(run, 'Blank', 'Crash history');
		await configure(run.page, 'Anthropic', server.url);
		initial = (await stored()).files;
		script([
			{ toolCalls: [{ name: 'write', input: { path: 'a.txt', content: 'one\n' } }] },
			{ text: 'Turn one done.' },
			{ toolCalls: [{ name: 'write', input: { path: 'a.txt', content: 'two\n' } }] },
			{ text: 'Turn two done.' }
		]);
		await send(run.page, 'First');
		await expect(chatOf(run.page).getByText('Turn one done.')).toBeVisible();
		await send(run.page, 'Second');
		await expect(chatOf(run.page).getByText('Turn two done.')).toBeVisible();
		// Both turns' checkpoints (start and end) are stored.
		await expect.poll(async () => (await stored()).checkpoints.metas.length).toBe(4);
		await expect.poll(async () => (await stored()).files['a.txt']).toBe('two\n');
	});
	test.afterAll(async () => {
		await run?.close();
		await server?.close();
	});

	/** A file changed outside any turn, so the next checkpoint must store a new blob. */
	async function changeInTerminal(path: string, text: string) {
		await runInTerminal(run.page, `echo ${text} > ${path}`);
		await expect.poll(async () => (await stored()).files[path]).toBe(`${text}\n`);
	}

	test('mid-checkpoint: blobs stored, the manifest waiting on storage', async () => {
		await changeInTerminal('cp.txt', 'checkpointed');
		const hash = sha256('checkpointed\n');
		const earlier = await stored();
		expect(earlier.checkpoints.blobs).not.toContain(hash);
		await holdStore(run.page, 'kiln-checkpoint-manifests', 'manifests');
		script([{ text: 'Never seen.', ...stall(0) }]);
		await send(run.page, 'Third');
		await held(1);
		// Read the blobs alone: reading the held manifests would queue behind the hold too.
		const blobs = async () =>
			(await readStore(run.page, 'kiln-checkpoint-blobs', 'blobs')).map(({ key }) => key);
		await expect.poll(blobs).toContain(hash);
		const { page, stored: left } = await crash({ openTurn: true });
		// The turn's checkpoint was never finished, so it is not listed; the earlier ones are whole.
		expect(metaIds(left)).toEqual(metaIds(earlier));
		expect(left.checkpoints.manifests).toEqual(earlier.checkpoints.manifests);
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		// Opening the project collects the blob no checkpoint names, and leaves the rest whole.
		await expect.poll(async () => (await stored()).checkpoints.blobs).not.toContain(hash);
		const collected = await stored();
		expect(collected.checkpoints.problems).toEqual([]);
		expect(metaIds(collected)).toEqual(metaIds(earlier));
	});

	test('mid-checkpoint: the blobs waiting on storage', async () => {
		await changeInTerminal('cp2.txt', 'blobbed');
		const earlier = await stored();
		await holdStore(run.page, 'kiln-checkpoint-blobs', 'blobs');
		script([{ text: 'Never seen.', ...stall(0) }]);
		await send(run.page, 'Fourth');
		await held(1);
		await expect(chatOf(run.page).getByText('Fourth')).toBeVisible();
		const { page, stored: left } = await crash({ openTurn: true });
		expect(left.checkpoints.blobs).not.toContain(sha256('blobbed\n'));
		expect(metaIds(left)).toEqual(metaIds(earlier));
		expect(left.checkpoints.manifests).toEqual(earlier.checkpoints.manifests);
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
	});

	test('mid-rewind: the restored files waiting on storage', async () => {
		const earlier = await stored();
		const chats = await readStore(run.page, 'kiln-sessions', 'sessions');
		const chat = chatOf(run.page);
		await chat
			.getByRole('article', { name: 'Turn 2' })
			.getByRole('button', { name: 'Rewind' })
			.click();
		const dialog = run.page.getByRole('dialog', { name: 'Rewind' });
		await holdStore(run.page, 'kiln-project-files', 'files');
		await dialog.getByRole('button', { name: 'Files and conversation' }).click();
		// The files are restored in the page (cp2.txt came after message 2); their save is held.
		await expect(tree(run.page).getByRole('treeitem', { name: 'a.txt' })).toBeVisible();
		await expect(tree(run.page).getByRole('treeitem', { name: 'cp2.txt' })).toHaveCount(0);
		// All or nothing: the files all as before (their writes never reached storage)...
		const { page, stored: left } = await crash({ files: earlier.files });
		expect(Object.keys(left.files).sort()).toEqual(Object.keys(earlier.files).sort());
		// ...and so is the conversation: a rewind moves it only once the files are stored.
		expectLogsKept(logs(earlier), left);
		expect(left.sessions.map((session) => session.id).sort()).toEqual(
			earlier.sessions.map((session) => session.id).sort()
		);
		expect(await readStore(page, 'kiln-sessions', 'sessions')).toEqual(chats);
		// The files of the moment before the rewind are a checkpoint of their own, whole.
		const added = left.checkpoints.metas.filter((meta) => !metaIds(earlier).includes(meta.id));
		expect(added.map((meta) => meta.reason)).toEqual(['before-rewind']);
		await expectIdeReopened(page);
		await expect(tree(page).getByRole('treeitem', { name: 'cp2.txt' })).toBeVisible();
		await expect(chatOf(page).getByText('Turn two done.')).toBeVisible();
	});

	test('right after a rewind: the files as rewound, the later part a chat in Sessions', async () => {
		const earlier = await stored();
		const chat = chatOf(run.page);
		await chat
			.getByRole('article', { name: 'Turn 1' })
			.getByRole('button', { name: 'Rewind' })
			.click();
		await run.page
			.getByRole('dialog', { name: 'Rewind' })
			.getByRole('button', { name: 'Files and conversation' })
			.click();
		await expect(chat.getByRole('button', { name: 'Undo rewind' })).toBeVisible();
		await expect.poll(async () => (await stored()).files).toEqual(initial);
		// From here on a.txt is as the rewind left it, not as the agent wrote it.
		changedLater.push('a.txt');
		const { page, stored: left } = await crash({ files: initial, absent: ['a.txt'] });
		expect(left.files).toEqual(initial);
		// The whole conversation is kept, retitled; the open chat is a copy of its part before
		// message 1.
		const now = expectLogsKept(logs(earlier), left);
		const rewound = earlier.sessions.find((s) => s.events.some(isMessage('Fourth')))!;
		const branches = [...now].filter(([id]) => !logs(earlier).has(id));
		const cut = rewound.events.findIndex(isMessage('First'));
		expect(branches.map(([, events]) => events)).toEqual([
			rewound.events.slice(0, cut).map((event) => JSON.stringify(event))
		]);
		const titles = new Map(
			(await readStore(page, 'kiln-sessions', 'sessions')).map(({ key, value }) => [
				key,
				String((value as { title: unknown }).title)
			])
		);
		expect(titles.get(rewound.id)).toBe('First (before rewind)');
		await expectIdeReopened(page);
		await chatOf(page).getByRole('button', { name: 'Sessions' }).click();
		const sessions = page.getByRole('dialog', { name: 'Sessions' });
		await expect(sessions.getByRole('button', { name: /^First \(before rewind\)/ })).toBeVisible();
		await sessions.getByRole('button', { name: 'Close' }).click();
		await expect(tree(page).getByRole('treeitem', { name: 'a.txt' })).toHaveCount(0);
	});

	test('mid-revert: "Revert all" waiting on storage', async () => {
		script([
			{
				toolCalls: [
					{ name: 'write', input: { path: 'r.txt', content: 'agent\n' } },
					{ name: 'bash', input: { command: 'echo agent > README.md' } }
				]
			},
			{ text: 'Changed two files.' }
		]);
		await send(run.page, 'Change two files');
		await expect(chatOf(run.page).getByText('Changed two files.')).toBeVisible();
		const agent = { 'r.txt': 'agent\n', 'README.md': 'agent\n' };
		await expect.poll(async () => (await stored()).files).toEqual({ ...initial, ...agent });
		await run.page.getByRole('button', { name: 'Changes', exact: true }).click();
		const region = run.page.getByRole('region', { name: 'Changes' });
		const files = region.getByRole('list', { name: 'Changed files' }).getByRole('listitem');
		await expect(files).toHaveCount(2);
		await holdStore(run.page, 'kiln-project-files', 'files');
		await region.getByRole('button', { name: 'Revert all' }).click();
		await run.page
			.getByRole('dialog', { name: 'Revert all 2 files?' })
			.getByRole('button', { name: 'Revert all' })
			.click();
		await expect(region.getByRole('status')).toContainText('Reverted 2 files.');
		// A revert is all or nothing: the agent's version of each file, as stored before.
		const { page, stored: left } = await crash({ files: agent });
		expect(left.files).toEqual({ ...initial, ...agent });
		await expectIdeReopened(page);
		await expect(tree(page).getByRole('treeitem', { name: 'r.txt' })).toBeVisible();
	});

	test('mid-import: files stored, the project not yet', async () => {
		const home = run.url('/?runtime=browser');
		await run.page.goto(home);
		const projects = await readStore(run.page, 'kiln-projects', 'projects');
		const owners = (await fileOwners(run.page)).size;
		await holdStore(run.page, 'kiln-projects', 'projects');
		await run.page.getByRole('button', { name: 'Import' }).click();
		await run.page
			.getByRole('dialog', { name: 'Import' })
			.getByLabel('Zip file')
			.setInputFiles({
				name: 'Half imported.zip',
				mimeType: 'application/zip',
				buffer: Buffer.from(zipSync({ 'imported.txt': new TextEncoder().encode('imported\n') }))
			});
		await expect.poll(async () => (await fileOwners(run.page)).size).toBe(owners + 1);
		const { page } = await crash({}, home);
		expect(await readStore(page, 'kiln-projects', 'projects')).toEqual(projects);
		await expect(page.getByRole('link', { name: /Crash history/ })).toHaveCount(1);
		await expect(page.getByRole('link', { name: /Half imported/ })).toHaveCount(0);
	});

	test('mid-share-open: "Open as new project" waiting on storage', async () => {
		await run.page.goto(run.projectUrl);
		await run.page.getByRole('button', { name: 'Share' }).click();
		const box = run.page
			.getByRole('dialog', { name: 'Share' })
			.getByRole('textbox', { name: 'Link' });
		await expect(box).toHaveValue(/\/open#v1\.\d+\./);
		const link = await box.inputValue();
		await run.page.goto(link);
		const open = run.page.getByRole('button', { name: 'Open as new project' });
		await expect(open).toBeVisible();
		const projects = await readStore(run.page, 'kiln-projects', 'projects');
		const owners = (await fileOwners(run.page)).size;
		await holdStore(run.page, 'kiln-projects', 'projects');
		await open.click();
		await expect.poll(async () => (await fileOwners(run.page)).size).toBe(owners + 1);
		const home = run.url('/?runtime=browser');
		const { page } = await crash({}, home);
		expect(await readStore(page, 'kiln-projects', 'projects')).toEqual(projects);
		// The copy has the same name: exactly one "Crash history" is listed, the original.
		await expect(page.getByRole('link', { name: /Crash history/ })).toHaveCount(1);
		await page.getByRole('link', { name: /Crash history/ }).click();
		await expect(page).toHaveURL(new RegExp(`/project/${run.projectId}`));
		await expectIdeReopened(page);
	});
});
