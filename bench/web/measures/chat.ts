/**
 * bench:web measure "chat" (issue 10, item 4): a 1,000-message session seeded into the app's
 * real IndexedDB, opened by navigation, then a 16k-character answer streamed from the scripted
 * model server at 15 ms per delta and in one burst, counting main-thread long tasks
 * (PerformanceObserver 'longtask'). References from the same run: opening a one-turn session,
 * and the same streams into an empty chat. Runs on its own too: bench/web/measures/chat-cli.ts.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { WebBenchContext, WebBenchMeasure, WebBenchRow } from '../types';
import {
	chatReadyMark,
	longTasksBetween,
	pageNow,
	recordLongTasks,
	seedLongSession,
	sessionCountedMark,
	turnShownAt,
	type LongTask
} from './chat-page';
import { longAnswer } from './chat-text';
import { median } from '../report';

/** 500 questions + 500 answers. */
const SEEDED_TURNS = 500;
const ANSWER_CHARS = 16_000;
const END = 'End of the streamed answer.';
const SESSION = '1,000-message session';

interface StreamFigures {
	count: number;
	longest: number;
}

interface RunFigures {
	open: number;
	openRef: number;
	openLongest: number;
	openLongestRef: number;
	chatReady?: number;
	/** Navigation → kiln:session-counted: the idle warm-up the send then counts from. */
	counted?: number;
	/** Sessions list: click on the chat → its newest turn on screen, from a short chat. */
	switchTo: number;
	/** The same, back to the short chat. */
	switchBack: number;
	paced: StreamFigures;
	pacedRef: StreamFigures;
	burst: StreamFigures;
	burstRef: StreamFigures;
}

async function setScript(modelUrl: string, turns: unknown[]): Promise<void> {
	const response = await fetch(`${modelUrl}/__kiln/script`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ turns })
	});
	if (!response.ok) throw new Error(`the model server refused the script: ${response.status}`);
}

function chat(page: Page) {
	return page.getByRole('region', { name: 'Chat' });
}

async function send(page: Page, text: string): Promise<void> {
	const box = chat(page).getByRole('textbox', { name: 'Message' });
	await box.fill(text);
	await box.press('Enter');
}

/** A Blank project on the offline runtime, the model set up, one question answered. */
export async function projectWithOneTurn(page: Page, context: WebBenchContext): Promise<string> {
	await page.goto(`${context.appUrl}/?runtime=browser`);
	await page.getByRole('textbox', { name: 'Project name' }).fill('Chat bench');
	await page.getByRole('radio', { name: 'Blank' }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.waitForURL(/\/project\/[\w-]+/);
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Anthropic' });
	await dialog.getByRole('textbox', { name: 'API key' }).fill('sk-bench-key-123456');
	await dialog.getByRole('textbox', { name: 'Base URL' }).fill(context.modelUrl);
	await dialog.getByRole('combobox', { name: 'Model' }).fill('mock-model');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await dialog.waitFor({ state: 'hidden' });
	await setScript(context.modelUrl, [{ text: 'Seed answer.' }]);
	await send(page, 'Seed question');
	await chat(page).getByText('Seed answer.').waitFor();
	await page.locator('[role="log"][aria-busy="false"]').waitFor();
	return page.url();
}

/** Opens the project in a new page; navigation → the newest turn on screen. */
async function openSession(browserContext: BrowserContext, url: string, turns: number) {
	const page = await browserContext.newPage();
	await recordLongTasks(page);
	await page.goto(url);
	const shown = await turnShownAt(page, `Turn ${turns}`);
	const chatReady = await chatReadyMark(page);
	const tasks = await longTasksBetween(page, 0, shown);
	return { page, shown, chatReady, longest: longest(tasks) };
}

function longest(tasks: LongTask[]): number {
	return tasks.reduce((max, task) => Math.max(max, task.duration), 0);
}

/** Streams the long answer into the open chat; long tasks from send to the turn's end. */
export async function stream(
	page: Page,
	modelUrl: string,
	delayMs: number
): Promise<StreamFigures> {
	await setScript(modelUrl, [{ text: longAnswer(ANSWER_CHARS, END), chunkDelayMs: delayMs }]);
	const from = await pageNow(page);
	await send(page, `Stream an answer (${delayMs} ms per delta)`);
	await page.locator('[role="log"][aria-busy="true"]').waitFor({ timeout: 30_000 });
	await page.locator('[role="log"][aria-busy="false"]').waitFor({ timeout: 180_000 });
	await chat(page).getByText(END).last().waitFor({ timeout: 30_000 });
	const tasks = await longTasksBetween(page, from, await pageNow(page));
	return { count: tasks.length, longest: longest(tasks) };
}

/**
 * Opens a chat from the Sessions list, as a person does: the click on its title → the first
 * frame with the turn labelled `shown` (and none labelled `gone`, which only the chat left had).
 */
async function switchSession(
	page: Page,
	title: string,
	shown: string,
	gone?: string
): Promise<number> {
	await chat(page).getByRole('button', { name: 'Sessions' }).click();
	const entry = page.getByRole('dialog', { name: 'Sessions' }).getByRole('listitem', {
		name: new RegExp(`^${title}`)
	});
	await page.evaluate(() => {
		const clicks = window as unknown as { __kilnClickAt?: number };
		delete clicks.__kilnClickAt;
		const at = (event: Event) => (clicks.__kilnClickAt = event.timeStamp);
		document.addEventListener('click', at, { capture: true, once: true });
	});
	await entry.getByRole('button').first().click();
	const shownAt = await turnShownAt(page, shown, gone);
	const clickAt = await page.evaluate(
		() => (window as unknown as { __kilnClickAt?: number }).__kilnClickAt
	);
	if (clickAt === undefined) throw new Error(`the click on “${title}” was not seen`);
	return shownAt - clickAt;
}

async function oneRun(browser: Browser, context: WebBenchContext): Promise<RunFigures> {
	const browserContext = await browser.newContext({ serviceWorkers: 'block' }); // see subjects.ts
	try {
		const setup = await browserContext.newPage();
		const url = await projectWithOneTurn(setup, context);
		const small = await openSession(browserContext, url, 1);
		await small.page.close();
		await seedLongSession(setup, SEEDED_TURNS);
		await setup.close();
		const big = await openSession(browserContext, url, SEEDED_TURNS + 1);
		const page = big.page;
		await chat(page).getByRole('button', { name: 'Send' }).waitFor();
		// As a person reading, then typing: the send comes after the page's idle warm-up (the
		// agent's code, the tokenizer, the session's token counts), when the build marks it.
		const counted = await sessionCountedMark(page, 30_000);
		const paced = await stream(page, context.modelUrl, 15);
		const burst = await stream(page, context.modelUrl, 0);
		await chat(page).getByRole('button', { name: 'New chat' }).click();
		const pacedRef = await stream(page, context.modelUrl, 15);
		const burstRef = await stream(page, context.modelUrl, 0);
		const switchTo = await switchSession(page, 'Seed question', `Turn ${SEEDED_TURNS + 1}`);
		const switchBack = await switchSession(page, 'Stream an answer', 'Turn 2', 'Turn 3');
		return {
			switchTo,
			switchBack,
			open: big.shown,
			openRef: small.shown,
			openLongest: big.longest,
			openLongestRef: small.longest,
			...(big.chatReady !== undefined && { chatReady: big.chatReady }),
			...(counted !== undefined && { counted }),
			paced,
			pacedRef,
			burst,
			burstRef
		};
	} finally {
		await browserContext.close();
	}
}

function rows(runs: RunFigures[]): WebBenchRow[] {
	const m = (pick: (run: RunFigures) => number) => Math.round(median(runs.map(pick)));
	const emptyChat = 'same stream, empty chat';
	const openRef = m((r) => r.openRef);
	const result: WebBenchRow[] = [
		{
			figure: 'open: navigation → newest turn on screen',
			subject: SESSION,
			value: m((r) => r.open),
			unit: 'ms',
			reference: 'one-turn session',
			referenceValue: openRef,
			goal: { max: openRef + 300 }
		},
		{
			figure: 'open: longest task',
			subject: SESSION,
			value: m((r) => r.openLongest),
			unit: 'ms',
			reference: 'one-turn session',
			referenceValue: m((r) => r.openLongestRef)
		},
		{
			figure: 'open from the Sessions list: click → newest turn on screen',
			subject: SESSION,
			value: m((r) => r.switchTo),
			unit: 'ms',
			reference: 'back to a two-turn chat',
			referenceValue: m((r) => r.switchBack),
			goal: { max: 300 }
		},
		{
			figure: 'long tasks > 50 ms, 15 ms/delta',
			subject: SESSION,
			value: m((r) => r.paced.count),
			unit: 'count',
			reference: emptyChat,
			referenceValue: m((r) => r.pacedRef.count),
			goal: { max: 0 }
		},
		{
			figure: 'longest task, 15 ms/delta',
			subject: SESSION,
			value: m((r) => r.paced.longest),
			unit: 'ms',
			reference: emptyChat,
			referenceValue: m((r) => r.pacedRef.longest),
			goal: { max: 50 }
		},
		{
			figure: 'long tasks > 50 ms, burst',
			subject: SESSION,
			value: m((r) => r.burst.count),
			unit: 'count',
			reference: emptyChat,
			referenceValue: m((r) => r.burstRef.count)
		},
		{
			figure: 'longest task, burst',
			subject: SESSION,
			value: m((r) => r.burst.longest),
			unit: 'ms',
			reference: emptyChat,
			referenceValue: m((r) => r.burstRef.longest),
			goal: { max: 100 }
		}
	];
	result.splice(1, 0, ...markRows(runs, openRef));
	return result;
}

/** Navigation → the app's marks, on builds that set them in every run. */
function markRows(runs: RunFigures[], openRef: number): WebBenchRow[] {
	const marks = [
		{
			figure: 'open: navigation → kiln:chat-ready',
			pick: (r: RunFigures) => r.chatReady,
			goal: true
		},
		{
			figure: 'open: navigation → kiln:session-counted (idle)',
			pick: (r: RunFigures) => r.counted,
			goal: false
		}
	];
	return marks.flatMap(({ figure, pick, goal }) => {
		const times = runs.map(pick).filter((v): v is number => v !== undefined);
		if (times.length !== runs.length) return [];
		return [
			{
				figure,
				subject: SESSION,
				value: Math.round(median(times)),
				unit: 'ms' as const,
				reference: 'one-turn session, newest turn on screen',
				referenceValue: openRef,
				...(goal ? { goal: { max: openRef + 300 } } : {})
			}
		];
	});
}

export async function runChatMeasure(context: WebBenchContext): Promise<WebBenchRow[]> {
	const runs: RunFigures[] = [];
	for (let i = 0; i < Math.max(1, context.runs); i++)
		runs.push(await oneRun(context.browser, context));
	return rows(runs);
}

export const chatMeasure: WebBenchMeasure = {
	id: 'chat',
	// Streaming 2 × 16k characters twice takes a minute unthrottled; throttled it says nothing new.
	throttles: false,
	run: runChatMeasure
};

export default chatMeasure;
