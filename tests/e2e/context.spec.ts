import { configure, createProject, projectWithTwoChats, runInTerminal, send } from './helpers';
import type { Page } from '@playwright/test';
import { expect, test } from './model-server';

const SUMMARY_REQUEST = 'about to be replaced by a summary';

/** "29k / 40k · …" → 29000 */
function usedTokens(status: string): number {
	const match = /([\d.]+)(k?)\s*\/\s*[\d.]+k?/.exec(status);
	if (!match) return Number.NaN;
	return Number(match[1]) * (match[2] ? 1000 : 1);
}

test('a long session clears old tool results, then compacts, and carries on', async ({
	page,
	modelServer
}) => {
	test.setTimeout(120_000);
	const small = Array.from({ length: 7 }, (_, i) => `s${i + 1}.ts`);
	const huge = Array.from({ length: 3 }, (_, i) => `h${i + 1}.ts`);
	const summary = {
		match: { lastUserMessageIncludes: SUMMARY_REQUEST },
		text: '## Intent\nReview every file.\n## Current state\nReviewed the small files and two large ones.'
	};
	modelServer.setScript({
		turns: [
			summary,
			summary,
			...[...small, ...huge].map((path) => ({ toolCalls: [{ name: 'read', input: { path } }] })),
			{ text: 'All files reviewed.' }
		]
	});

	await createProject(page, 'Blank', { query: '?runtime=browser' });
	// Real files of realistic size: 140-line and 500-line modules.
	const line = `export const value_& = compute(&, 'alpha beta gamma');`;
	await runInTerminal(
		page,
		`for i in 1 2 3 4 5 6 7; do seq 1 140 | sed "s/.*/${line}/" > s$i.ts; done; for i in 1 2 3; do seq 1 500 | sed "s/.*/${line}/" > h$i.ts; done`
	);
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'h3.ts' })
	).toBeVisible();
	await configure(page, 'Anthropic', modelServer.url, { contextWindow: 40_000 });

	// Record every value the Context status shows while the session runs.
	const status = page.getByRole('status', { name: 'Context' });
	await expect(status).toBeVisible();
	await status.evaluate((element) => {
		const seen: string[] = ((window as unknown as { kilnStatus: string[] }).kilnStatus = []);
		new MutationObserver(() => seen.push(element.textContent ?? '')).observe(element, {
			subtree: true,
			childList: true,
			characterData: true
		});
	});

	await send(page, 'Review every file in the project');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('All files reviewed.')).toBeVisible({ timeout: 60_000 });
	await expect(chat.getByText(/Cleared \d+ old tool results/)).toBeVisible();
	await expect(chat.getByText(/Conversation compacted/)).toBeVisible();

	// Clearing came before compaction in the transcript.
	const transcript = await chat.getByRole('log').innerText();
	expect(transcript.indexOf('Cleared')).toBeLessThan(transcript.indexOf('Conversation compacted'));

	// The status climbed towards half of the 40k window, dropped when old results were cleared,
	// and dropped further when the conversation was compacted.
	const seen = await page.evaluate(() =>
		(window as unknown as { kilnStatus: string[] }).kilnStatus.filter((text) => text.includes('/'))
	);
	const values = seen.map(usedTokens).filter((value) => !Number.isNaN(value));
	const drops = values.filter((value, i) => i > 0 && value < values[i - 1]!).length;
	expect(drops).toBeGreaterThanOrEqual(2);
	const peak = Math.max(...values);
	expect(peak).toBeGreaterThanOrEqual(18_000);
	expect(peak).toBeLessThan(40_000);
	expect(Math.min(...values.slice(values.indexOf(peak)))).toBeLessThan(peak / 2);

	// The summary request was answered by the summary turn and the session went on after it.
	const bodies = modelServer.requests().map((request) => JSON.stringify(request.body));
	const summaryIndex = bodies.findIndex((body) => body.includes(SUMMARY_REQUEST));
	expect(summaryIndex).toBeGreaterThan(0);
	expect(bodies.length).toBeGreaterThan(summaryIndex + 1);
	expect(bodies.at(-1)).toContain('This session was compacted');
});

test('plan mode refuses changes until the plan is approved, with the same tools throughout', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'notes.md', content: '# Notes\n' } }] },
			{ text: 'Plan:\n1. Create notes.md with a heading.' },
			{ toolCalls: [{ name: 'write', input: { path: 'notes.md', content: '# Notes\n' } }] },
			{ text: 'Created notes.md as planned.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	const chat = page.getByRole('region', { name: 'Chat' });
	await chat.getByRole('combobox', { name: 'Mode' }).selectOption('Plan');
	await send(page, 'Add a notes file');

	await expect(chat.getByText('Plan:')).toBeVisible();
	await expect(chat.getByRole('group', { name: 'write' }).first()).toContainText(/plan mode/i);
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toHaveCount(0);

	await chat.getByRole('button', { name: 'Approve plan' }).click();
	await expect(chat.getByText('Created notes.md as planned.')).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toBeVisible();

	const requests = modelServer.requests().filter((request) => request.format === 'anthropic');
	expect(JSON.stringify(requests.at(-2)?.body)).toContain('I approve the plan');
	// Switching mode never changed the tool list, so the cached prefix stayed warm.
	const toolLists = new Set(
		requests.map((request) => JSON.stringify((request.body as { tools?: unknown }).tools))
	);
	expect(toolLists.size).toBe(1);
});

test('/remember writes AGENTS.md, which the next session starts with', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'Noted: tabs it is.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await send(page, '/remember Indent with tabs, never spaces');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText(/Remembered in AGENTS\.md/)).toBeVisible();
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'AGENTS.md' })
	).toBeVisible();
	expect(modelServer.requests()).toHaveLength(0);

	await chat.getByRole('button', { name: 'Memory' }).click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await expect(editor.getByRole('tab', { name: 'AGENTS.md' })).toBeVisible();
	await expect(editor.locator('.cm-content')).toContainText('Indent with tabs, never spaces');

	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'How should I indent?');
	await expect(chat.getByText('Noted: tabs it is.')).toBeVisible();
	expect(
		JSON.stringify((modelServer.requests()[0]?.body as { system?: unknown }).system)
	).toContain('Indent with tabs, never spaces');
});

test('the context inspector shows the layers of a request and what the model saw', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'Hello there.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Say hello to the inspector');
	await expect(page.getByRole('region', { name: 'Chat' }).getByText('Hello there.')).toBeVisible();

	await page.getByRole('status', { name: 'Context' }).getByRole('button').click();
	const inspector = page.getByRole('dialog', { name: 'Context inspector' });
	await expect(inspector).toBeVisible();
	for (const layer of ['tools', 'system', 'session', 'messages']) {
		await expect(inspector.getByText(new RegExp(`^${layer}`, 'i')).first()).toBeVisible();
	}
	await expect(inspector).toContainText(/Read from cache/);
	await expect(inspector).toContainText(/Written to cache/);
	await inspector.getByText('Show request').click();
	await expect(inspector).toContainText('Say hello to the inspector');
	await inspector.getByRole('button', { name: 'Close' }).click();
	await expect(inspector).toBeHidden();
});

test('a past session can be resumed with its full transcript', async ({ page, modelServer }) => {
	modelServer.setScript({
		turns: [{ text: 'First answer.' }, { text: 'Second answer.' }]
	});
	const chat = await projectWithTwoChats(page, modelServer.url);
	await expect(chat.getByText('First answer.')).toHaveCount(0);

	await chat.getByRole('button', { name: 'Sessions' }).click();
	const sessions = page.getByRole('dialog', { name: 'Sessions' });
	await sessions.getByRole('button', { name: /First question/ }).click();
	await expect(chat.getByText('First answer.')).toBeVisible();
	await expect(chat.getByText('Second answer.')).toHaveCount(0);
});

/** A Blank project answered by the scripted model: sends `message` and waits for `answer`. */
async function askInBlankProject(page: Page, modelUrl: string, message: string, answer: string) {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelUrl);
	await send(page, message);
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText(answer)).toBeVisible();
	return chat;
}

test('subagents started by the task tool report back inside their cards', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				toolCalls: [
					{ name: 'task', input: { description: 'Look at A', prompt: 'Find fact ALPHA' } },
					{ name: 'task', input: { description: 'Look at B', prompt: 'Find fact BRAVO' } }
				]
			},
			{ match: { lastUserMessageIncludes: 'Find fact ALPHA' }, text: 'Report: ALPHA is 1.' },
			{ match: { lastUserMessageIncludes: 'Find fact BRAVO' }, text: 'Report: BRAVO is 2.' },
			{ match: { lastUserMessageIncludes: 'BRAVO is 2' }, text: 'Both facts found.' }
		]
	});
	const chat = await askInBlankProject(
		page,
		modelServer.url,
		'Find both facts',
		'Both facts found.'
	);
	const cards = chat.getByRole('group', { name: 'task' });
	await expect(cards).toHaveCount(2);
	await expect(cards.nth(0)).toContainText('Look at A');
	await expect(cards.nth(0)).toContainText('done');
	await cards.nth(0).getByText('Report', { exact: true }).click();
	await expect(cards.nth(0)).toContainText('ALPHA is 1.');
	await expect(cards.nth(1)).toContainText('Look at B');
});

test('the inspector lists each subagent’s requests under its task, and the turn’s tokens include them', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				toolCalls: [
					{ name: 'task', input: { description: 'Look at A', prompt: 'Find fact ALPHA' } }
				]
			},
			{
				match: { lastUserMessageIncludes: 'Find fact ALPHA' },
				toolCalls: [{ name: 'read', input: { path: 'README.md' } }]
			},
			{ match: { lastUserMessageIncludes: 'An empty project' }, text: 'Report: ALPHA is 1.' },
			{ match: { lastUserMessageIncludes: 'ALPHA is 1' }, text: 'The fact is found.' }
		]
	});
	const chat = await askInBlankProject(
		page,
		modelServer.url,
		'Find the fact',
		'The fact is found.'
	);
	// The turn's footer counts the subagent's two requests too.
	await expect(chat.getByRole('article', { name: 'Turn 1' })).toContainText('with 1 subagent');

	await page.getByRole('status', { name: 'Context' }).getByRole('button').click();
	const inspector = page.getByRole('dialog', { name: 'Context inspector' });
	const list = inspector.getByRole('list', { name: 'Requests' });
	await expect(list.getByRole('button', { name: /^Turn 1, step \d/ })).toHaveCount(2);
	const task = inspector.getByRole('list', { name: 'Subagent requests: Look at A' });
	await expect(task.getByRole('button')).toHaveCount(2);
	await task.getByRole('button', { name: /^Subagent step 2/ }).click();
	await expect(inspector.getByRole('heading', { name: 'Subagent step 2' })).toBeVisible();
	await inspector.getByText('Show request').click();
	// Rebuilt from the subagent's own log: its prompt and the file it read.
	await expect(inspector.locator('pre')).toContainText('Find fact ALPHA');
	await expect(inspector.locator('pre')).toContainText('README');
	// The subagent's requests really went out: the parent's two and the subagent's two.
	expect(modelServer.requests().filter((r) => r.method === 'POST')).toHaveLength(4);
});

test('the session starts with a project map, and the person’s edits reach the model as diffs', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'I see the project.' }, { text: 'I see your edit.' }] });
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'What is in this project?');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('I see the project.')).toBeVisible();
	const first = JSON.stringify((modelServer.requests()[0]?.body as { system?: unknown }).system);
	expect(first).toContain('Project map');
	expect(first).toContain('index.html');

	// The person changes a line in the editor and saves; the next message carries the diff.
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'main.js' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await editor.locator('.cm-content').click();
	await page.keyboard.press('ControlOrMeta+Home');
	await page.keyboard.type('// edited by the person\n');
	await page.keyboard.press('ControlOrMeta+s');
	await expect(editor.getByRole('tab', { name: 'main.js' })).not.toContainText('●');

	await send(page, 'Did you notice?');
	await expect(chat.getByText('I see your edit.')).toBeVisible();
	const second = modelServer.requests()[1]?.body as { messages: { content: unknown }[] };
	const last = JSON.stringify(second.messages.at(-1)?.content);
	expect(last).toContain('+// edited by the person');
	expect(last).toContain('main.js');
	// A diff, not the whole file: the untouched end of main.js is not repeated.
	expect(last).not.toContain('saveNotes(notes)');
	// The stable prefix did not move: system blocks are byte-identical across the two requests.
	expect(JSON.stringify((modelServer.requests()[1]?.body as { system?: unknown }).system)).toBe(
		first
	);
});
