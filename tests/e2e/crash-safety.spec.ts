/**
 * Crash safety, proven: a scripted session is cut by killing the browser (SIGKILL to its process
 * group, no unload, no shutdown) at many points; after each, storage as the crash left it is
 * checked (files whole and byte-exact, every completed tool's writes kept, chat logs a gap-free
 * prefix of a valid conversation, drafts kept, nothing set aside), then the reopened IDE must
 * show the cut turn as interrupted and carry on. Each point waits for a visible or stored state,
 * never a timer: the scripted model holds its stream at a known chunk ("stall"), and a held
 * IndexedDB transaction keeps a save in flight.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { startMockModelServer, type MockModelServer, type Turn } from '../../tooling/mock-model';
import {
	chatOf,
	createProjectAt,
	CrashRun,
	expectIdeReopened,
	expectTurnMarkedInterrupted,
	holdStore,
	INTERRUPTED_TOOL,
	modelRequests,
	readProject,
	readStore,
	sendMessage as send,
	stall
} from './crash';
import { configure, runInTerminal } from './helpers';

// Within each group below, each point builds on the state the one before left (that is the
// scripted session), so a group runs in order in one worker; the two groups run side by side.
// Points relaunch Chromium and reload the IDE, slow on a busy machine: more time than a usual test.
const SERIAL = { mode: 'serial', timeout: 120_000 } as const;
const expect = baseExpect.configure({ timeout: 30_000 });

test.describe('crash safety: an agent turn cut anywhere', () => {
	test.describe.configure(SERIAL);
	let run: CrashRun;
	let server: MockModelServer;
	/** Model requests made before the current point's script. */
	let before = 0;

	/** Replaces the script; each point's requests are counted from here. */
	const script = (turns: Turn[]) => {
		server.setScript({ turns });
		before = modelRequests(server);
	};
	/** Waits until the scripted server holds the point's request number `n` (1-based). */
	const held = (n: number) => expect.poll(() => modelRequests(server) - before).toBe(n);

	// Playwright reads fixture dependencies from the first parameter's pattern, even when empty.
	// eslint-disable-next-line no-empty-pattern
	test.beforeAll(async ({}, testInfo) => {
		server = await startMockModelServer({ script: [] });
		run = new CrashRun(String(testInfo.project.use.baseURL));
		await run.start();
		await createProjectAt(run, 'Blank', 'Crash agent');
		await configure(run.page, 'Anthropic', server.url);
	});
	test.afterAll(async () => {
		await run?.close();
		await server?.close();
	});

	test('before the first token', async () => {
		script([{ text: 'Never seen.', ...stall(0) }]);
		await send(run.page, 'First question');
		await held(1);
		await expect(chatOf(run.page).getByText('Waiting for the model…')).toBeVisible();
		const { page } = await run.crash({ openTurn: true });
		await expectIdeReopened(page);
		await expect(chatOf(page).getByText('First question')).toBeVisible();
		await expectTurnMarkedInterrupted(page);
	});

	test('mid-thinking', async () => {
		script([{ thinking: 'Let me weigh this. '.repeat(8), text: 'Never seen.', ...stall(4) }]);
		await send(run.page, 'Think first');
		await held(1);
		await expect(chatOf(run.page).getByText('Thinking…')).toBeVisible();
		const { page } = await run.crash({ openTurn: true });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		// The turn before it was closed for the model when this one started.
		await expect(chatOf(page).getByText(/cut (off|short) when the page closed/)).toHaveCount(2);
	});

	test('mid-text-stream', async () => {
		script([{ text: 'Streaming answer, part one. '.repeat(10), ...stall(5) }]);
		await send(run.page, 'Answer at length');
		await expect(chatOf(run.page).getByText(/Streaming answer, part one/)).toBeVisible();
		const { page } = await run.crash({ openTurn: true });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
	});

	test('a tool call streaming its arguments', async () => {
		const content = 'streamed line\n'.repeat(20);
		script([
			{ toolCalls: [{ name: 'write', input: { path: 'streamed.txt', content } }], ...stall(5) }
		]);
		await send(run.page, 'Write a file');
		await expect(chatOf(run.page).getByRole('group', { name: 'write' })).toBeVisible();
		const { page } = await run.crash({ openTurn: true, absent: ['streamed.txt'] });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
	});

	test('between two steps (a write done, the next request held)', async () => {
		script([
			{ toolCalls: [{ name: 'write', input: { path: 'alpha.txt', content: 'alpha\n' } }] },
			{ text: 'Never seen.', ...stall(0) }
		]);
		await send(run.page, 'Write alpha');
		await held(2);
		await expect(chatOf(run.page).getByRole('group', { name: 'write' }).last()).toContainText(
			'done'
		);
		const { page } = await run.crash({ openTurn: true, files: { 'alpha.txt': 'alpha\n' } });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		await expect(chatOf(page).getByRole('group', { name: 'write' }).last()).toContainText('done');
	});

	test('mid-tool: a bash command running', async () => {
		script([
			{ toolCalls: [{ name: 'bash', input: { command: 'echo begun > begun.txt && sleep 600' } }] }
		]);
		await send(run.page, 'Run the long job');
		const card = chatOf(run.page).getByRole('group', { name: 'bash' }).last();
		await expect(card).toContainText('running');
		// What the command wrote before the crash is kept.
		await expect
			.poll(async () => (await readProject(run.page, run.projectId)).files['begun.txt'])
			.toBe('begun\n');
		const { page } = await run.crash({ openTurn: true, files: { 'begun.txt': 'begun\n' } });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		await expect(chatOf(page).getByRole('group', { name: 'bash' }).last()).toContainText(
			INTERRUPTED_TOOL
		);
	});

	test('two mutating calls of one step: the first done, the second running', async () => {
		script([
			{
				toolCalls: [
					{ name: 'write', input: { path: 'first.txt', content: 'first\n' } },
					{ name: 'bash', input: { command: 'echo second > second.txt && sleep 600' } }
				]
			}
		]);
		await send(run.page, 'Do two things');
		const chat = chatOf(run.page);
		await expect(chat.getByRole('group', { name: 'bash' }).last()).toContainText('running');
		await expect(chat.getByRole('group', { name: 'write' }).last()).toContainText('done');
		await expect
			.poll(async () => (await readProject(run.page, run.projectId)).files['second.txt'])
			.toBe('second\n');
		const { page } = await run.crash({
			openTurn: true,
			files: { 'first.txt': 'first\n', 'second.txt': 'second\n' }
		});
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		await expect(chatOf(page).getByRole('group', { name: 'write' }).last()).toContainText('done');
		await expect(chatOf(page).getByRole('group', { name: 'bash' }).last()).toContainText(
			INTERRUPTED_TOOL
		);
	});

	test('mid-save: an agent write waiting on storage', async () => {
		script([
			{ toolCalls: [{ name: 'write', input: { path: 'held.txt', content: 'held\n' } }] },
			{ text: 'Never seen.', ...stall(0) }
		]);
		await holdStore(run.page, 'kiln-project-files', 'files');
		await send(run.page, 'Write held');
		const card = chatOf(run.page).getByRole('group', { name: 'write' }).last();
		await expect(card).toBeVisible();
		// The file cannot reach storage, so the write must not count as done.
		await expect(card).toContainText('running');
		const { page } = await run.crash({ openTurn: true, absent: ['held.txt'] });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
	});

	test('a subagent running', async () => {
		script([
			{
				toolCalls: [
					{ name: 'task', input: { description: 'Look around', prompt: 'Find fact ALPHA' } }
				]
			},
			{ match: { lastUserMessageIncludes: 'Find fact ALPHA' }, text: 'Never seen.', ...stall(0) }
		]);
		await send(run.page, 'Ask a helper');
		await held(2);
		await expect(chatOf(run.page).getByRole('group', { name: 'task' }).last()).toContainText(
			'running'
		);
		const { page } = await run.crash({ openTurn: true });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		await expect(chatOf(page).getByRole('group', { name: 'task' }).last()).toContainText(
			INTERRUPTED_TOOL
		);
	});

	test('a permission prompt open (Ask mode)', async () => {
		const mode = chatOf(run.page).getByRole('combobox', { name: 'Mode' });
		await mode.selectOption('Ask');
		await expect(mode).toHaveValue('ask');
		script([{ toolCalls: [{ name: 'write', input: { path: 'asked.txt', content: 'asked\n' } }] }]);
		await send(run.page, 'Write when allowed');
		await held(1);
		await expect(chatOf(run.page).getByRole('group', { name: 'Permission needed' })).toBeVisible();
		const { page } = await run.crash({ openTurn: true, absent: ['asked.txt'] });
		await expectIdeReopened(page);
		await expectTurnMarkedInterrupted(page);
		// Reopened in the mode the person chose: a crash never widens what the agent may do.
		await expect(chatOf(page).getByRole('combobox', { name: 'Mode' })).toHaveValue('ask');
		await expect(chatOf(page).getByRole('group', { name: 'Permission needed' })).toHaveCount(0);
	});

	test('mid-mode-change: the switch waiting on storage', async () => {
		await holdStore(run.page, 'kiln-session-events', 'events');
		await chatOf(run.page).getByRole('combobox', { name: 'Mode' }).selectOption('Auto');
		const { page } = await run.crash({});
		await expectIdeReopened(page);
		// The switch never reached storage: the chat reopens in the mode it had, Ask.
		await expect(chatOf(page).getByRole('combobox', { name: 'Mode' })).toHaveValue('ask');
	});

	test('compaction running', async () => {
		script([{ text: 'Never seen.', ...stall(0) }]);
		await send(run.page, '/compact');
		await held(1);
		await expect(chatOf(run.page).getByText('Compacting the conversation…')).toBeVisible();
		const { page } = await run.crash({});
		await expectIdeReopened(page);
		await expect(chatOf(page).getByText('Compacting the conversation…')).toHaveCount(0);
		await expect(chatOf(page).getByText('First question')).toBeVisible();
	});

	test('mid-session-switch', async () => {
		const chat = chatOf(run.page);
		script([{ text: 'Answer in the second chat.' }]);
		await chat.getByRole('button', { name: 'New chat' }).click();
		await send(run.page, 'Second chat question');
		await expect(chat.getByText('Answer in the second chat.')).toBeVisible();
		await chat.getByRole('button', { name: 'Sessions' }).click();
		await run.page
			.getByRole('dialog', { name: 'Sessions' })
			.getByRole('button', { name: /First question/ })
			.click();
		const { page } = await run.crash({ openTurn: false });
		await expectIdeReopened(page);
		// Whichever chat reopens, both are whole.
		await chatOf(page).getByRole('button', { name: 'Sessions' }).click();
		const sessions = page.getByRole('dialog', { name: 'Sessions' });
		await sessions.getByRole('button', { name: /Second chat question/ }).click();
		await expect(chatOf(page).getByText('Answer in the second chat.')).toBeVisible();
	});
});

test.describe('crash safety: the person’s edits cut anywhere', () => {
	test.describe.configure(SERIAL);
	let run: CrashRun;

	const stored = () => readProject(run.page, run.projectId);
	const editor = (page: Page) => page.getByRole('region', { name: 'Editor' });
	const tree = (page: Page) => page.getByRole('tree', { name: 'Files' });

	async function typeAtStart(page: Page, file: string, text: string) {
		await tree(page).getByRole('treeitem', { name: file }).click();
		await expect(editor(page).getByRole('tab', { name: file })).toBeVisible();
		await editor(page).locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type(text);
	}

	/** Waits until the draft of `file` holds `text`, and returns the draft's whole text. */
	async function drafted(file: string, text: string): Promise<string> {
		await expect.poll(async () => (await stored()).drafts[file] ?? '').toContain(text);
		return (await stored()).drafts[file]!;
	}

	// Playwright reads fixture dependencies from the first parameter's pattern, even when empty.
	// eslint-disable-next-line no-empty-pattern
	test.beforeAll(async ({}, testInfo) => {
		run = new CrashRun(String(testInfo.project.use.baseURL));
		await run.start();
		await createProjectAt(run, 'Static site', 'Crash edits');
	});
	test.afterAll(async () => {
		await run?.close();
	});

	test('mid-editor-typing: the draft is kept', async () => {
		const original = (await stored()).files['main.js']!;
		await typeAtStart(run.page, 'main.js', '// typed before the crash\n');
		await drafted('main.js', '// typed before the crash');
		const { page } = await run.crash({
			files: { 'main.js': original },
			drafts: { 'main.js': '// typed before the crash' }
		});
		await expectIdeReopened(page);
		const tab = editor(page).getByRole('tab', { name: 'main.js' });
		await expect(tab).toContainText('●');
		await expect(editor(page).locator('.cm-content')).toContainText('// typed before the crash');
	});

	test('right after Ctrl+S: the text is in the file or in its draft', async () => {
		const text = (await stored()).drafts['main.js']!;
		await editor(run.page).locator('.cm-content').click();
		await run.page.keyboard.press('ControlOrMeta+s');
		const { page } = await run.crash({ savedOrDrafted: { 'main.js': text } });
		await expectIdeReopened(page);
	});

	test('mid-save: the save waiting on storage', async () => {
		const before = (await stored()).files['main.js']!;
		await typeAtStart(run.page, 'main.js', '// second edit\n');
		const text = await drafted('main.js', '// second edit');
		await holdStore(run.page, 'kiln-project-files', 'files');
		await run.page.keyboard.press('ControlOrMeta+s');
		const { page } = await run.crash({
			files: { 'main.js': before },
			savedOrDrafted: { 'main.js': text }
		});
		await expectIdeReopened(page);
		await expect(editor(page).getByRole('tab', { name: 'main.js' })).toContainText('●');
		await expect(editor(page).locator('.cm-content')).toContainText('// second edit');
	});

	test('right after creating a file in the tree', async () => {
		await run.page.getByRole('button', { name: 'New file' }).click();
		await run.page.getByRole('textbox', { name: 'New file name' }).fill('fresh.md');
		await run.page.keyboard.press('Enter');
		await expect(tree(run.page).getByRole('treeitem', { name: 'fresh.md' })).toBeVisible();
		const { page } = await run.crash({ oneOf: { 'fresh.md': [undefined, ''] } });
		await expectIdeReopened(page);
	});

	test('right after renaming a file in the tree: never lost, never torn', async () => {
		const css = (await stored()).files['style.css']!;
		await tree(run.page).getByRole('treeitem', { name: 'style.css' }).click({ button: 'right' });
		await run.page.getByRole('menuitem', { name: 'Rename' }).click();
		await run.page.getByRole('textbox', { name: 'Rename style.css' }).fill('theme.css');
		await run.page.keyboard.press('Enter');
		await expect(tree(run.page).getByRole('treeitem', { name: 'theme.css' })).toBeVisible();
		const { page, stored: left } = await run.crash({
			oneOf: { 'style.css': [css, undefined], 'theme.css': [css, undefined] }
		});
		expect([left.files['style.css'], left.files['theme.css']]).toContain(css);
		await expectIdeReopened(page);
	});

	test('mid-delete: the delete waiting on storage', async () => {
		const html = (await stored()).files['index.html']!;
		await holdStore(run.page, 'kiln-project-files', 'files');
		await tree(run.page).getByRole('treeitem', { name: 'index.html' }).click({ button: 'right' });
		await run.page.getByRole('menuitem', { name: 'Delete' }).click();
		await run.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
		await expect(tree(run.page).getByRole('treeitem', { name: 'index.html' })).toHaveCount(0);
		const { page } = await run.crash({ files: { 'index.html': html } });
		await expectIdeReopened(page);
		await expect(tree(page).getByRole('treeitem', { name: 'index.html' })).toBeVisible();
	});

	test('mid-terminal-command', async () => {
		await runInTerminal(run.page, 'echo one > t1.txt && sleep 600');
		await expect.poll(async () => (await stored()).files['t1.txt']).toBe('one\n');
		const { page } = await run.crash({ files: { 't1.txt': 'one\n' } });
		await expectIdeReopened(page);
		await runInTerminal(page, 'cat t1.txt');
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('one');
	});

	test('mid-new-project: files stored, the project not yet', async () => {
		await run.page.goto(run.url('/?runtime=browser'));
		const projectsBefore = await readStore(run.page, 'kiln-projects', 'projects');
		const ownersNow = async () =>
			new Set(
				(await readStore(run.page, 'kiln-project-files', 'files')).map(
					({ key }) => (key as string[])[0]
				)
			).size;
		const owners = await ownersNow();
		await holdStore(run.page, 'kiln-projects', 'projects');
		await run.page.getByRole('textbox', { name: 'Project name' }).fill('Half made');
		await run.page.getByRole('radio', { name: 'Blank' }).check();
		await run.page.getByRole('button', { name: 'Create project' }).click();
		await expect.poll(ownersNow).toBe(owners + 1);
		const { page } = await run.crash({}, run.url('/?runtime=browser'));
		expect(await readStore(page, 'kiln-projects', 'projects')).toEqual(projectsBefore);
		await expect(page.getByRole('link', { name: /Crash edits/ })).toBeVisible();
		await expect(page.getByRole('link', { name: /Half made/ })).toHaveCount(0);
	});
});

// Checkpoints, rewind, revert, import and share links: crash-safety-history.spec.ts.
