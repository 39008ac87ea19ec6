/**
 * First-send latency (issue 10, item 5): from the person pressing send (`kiln:send-started`) to
 * the model request leaving the page (`kiln:request-sent`), in a freshly loaded IDE over a
 * 2,000-file project, with a new chat (so the project map is built), sent as soon as the
 * composer shows: nothing may have been prefetched yet. Also the longest main-thread task from
 * the send to the answer on screen. The reference is a second send in the same page, with
 * everything loaded. Throttled, a second set of runs sends 6 s after the composer shows, as a
 * person who types first. The model is the scripted server (tooling/mock-model).
 *
 * Runs in `npm run bench:web` (bench/web/run.ts), or alone against a running build:
 *   npx tsx bench/web/measures/first-send.ts http://localhost:4173 [--throttled]
 * (alone, it starts its own scripted model server).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { waitForMark } from '../browser';
import { describeTask, RECORD_LONG_FRAMES, type LongFrame, type TaskSpan } from '../long-frames';
import { readBundleReport } from './bytes';
import type { WebBenchContext, WebBenchMeasure, WebBenchRow } from '../types';
import { median } from '../report';

const FILES = 2_000;
const SEND_STARTED = 'kiln:send-started';
const REQUEST_SENT = 'kiln:request-sent';
const TURN_ENDED = 'kiln:turn-ended';

/** Chrome DevTools' "Fast 3G", and a CPU four times slower. */
const FAST_3G = {
	offline: false,
	latency: 562.5,
	downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
	uploadThroughput: (750 * 1024 * 0.9) / 8
};
const CPU_SLOWDOWN = 4;

/** A TypeScript project of `FILES` modules in 40 folders, each importing the next. */
export function projectFiles(): Record<string, string> {
	const files: Record<string, string> = {
		'package.json': JSON.stringify({
			name: 'first-send-bench',
			type: 'module',
			main: 'src/index.ts',
			scripts: { build: 'tsc', test: 'vitest run' },
			dependencies: { nanoid: '^5.0.7' },
			devDependencies: { typescript: '~5.9.0', vitest: '^4.1.0' }
		}),
		'README.md': '# First-send bench\n\nA generated project of many small modules.\n',
		'src/index.ts':
			"import { f0 } from './m0/file-0';\nexport function main() {\n\treturn f0(1);\n}\n"
	};
	for (let i = 0; i < FILES - 3; i++) {
		const next = (i + 1) % (FILES - 3);
		files[`src/m${i % 40}/file-${i}.ts`] =
			`import { f${next} } from '../m${next % 40}/file-${next}';\n\n` +
			`export interface Thing${i} {\n\tid: number;\n\tname: string;\n}\n\n` +
			`export function f${i}(value: number): number {\n\treturn value + ${i};\n}\n\n` +
			`export class Worker${i} {\n\trun(thing: Thing${i}): number {\n\t\treturn f${next}(thing.id);\n\t}\n}\n`;
	}
	return files;
}

function writeProject(): string {
	const root = join(mkdtempSync(join(tmpdir(), 'kiln-first-send-')), 'first-send-bench');
	for (const [path, text] of Object.entries(projectFiles())) {
		const file = join(root, path);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, text);
	}
	return root;
}

/** Imports the project through the Import dialog and sets the model up; returns the IDE's URL. */
async function seed(page: Page, appUrl: string, modelUrl: string): Promise<string> {
	await page.goto(`${appUrl}/?runtime=browser`);
	await page.getByRole('button', { name: 'Import' }).click();
	const dialog = page.getByRole('dialog', { name: 'Import' });
	await dialog.getByLabel('Folder').setInputFiles(writeProject());
	// The dialog opens the project itself, or offers "Open project".
	const open = dialog.getByRole('button', { name: 'Open project' });
	await page
		.waitForFunction(() => location.pathname.startsWith('/project/'), undefined, {
			timeout: 600_000,
			polling: 1_000
		})
		.catch(async () => open.click());
	await page.waitForURL(/\/project\/[\w-]+/);
	await page.getByRole('button', { name: 'Settings' }).click();
	const settings = page.getByRole('dialog', { name: 'Settings' });
	await settings.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Anthropic' });
	await settings.getByRole('textbox', { name: 'API key' }).fill('sk-bench-key-123456');
	await settings.getByRole('textbox', { name: 'Base URL' }).fill(modelUrl);
	await settings.getByRole('combobox', { name: 'Model' }).fill('mock-model');
	await settings.getByRole('button', { name: 'Save' }).click();
	await settings.waitFor({ state: 'hidden' });
	return page.url().replace(/\?.*$/, '') + '?runtime=browser';
}

async function script(modelUrl: string, turns: { text: string }[]): Promise<void> {
	const response = await fetch(`${modelUrl}/__kiln/script`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(turns)
	});
	if (!response.ok)
		throw new Error(`The scripted model server refused the script: ${response.status}`);
}

/**
 * Every long task (> 50 ms) of the page, from its start, and every Enter pressed (when a build
 * has no perf marks, a send starts there and ends at the model request's resource timing).
 */
const WATCH_PAGE = () => {
	const tasks: { start: number; duration: number }[] = [];
	const enters: number[] = [];
	Object.assign(globalThis, { __kilnLongTasks: tasks, __kilnEnters: enters });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			tasks.push({ start: entry.startTime, duration: entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	addEventListener(
		'keydown',
		(event) => {
			if (event.key === 'Enter') enters.push(performance.now());
		},
		true
	);
};

interface SendTiming {
	latency: number;
	longestTask: number;
	/** The longest task's span and the long frames around it, to say what ran (long-frames.ts). */
	longest: { task: TaskSpan; frames: LongFrame[] } | null;
	/** From the request to the turn's end (the composer takes a message); null without the mark. */
	toTurnEnd: number | null;
}

/** Sends `text` and waits for `answer`: latency from the send's mark to the request's. */
async function timedSend(
	page: Page,
	cdp: CDPSession,
	text: string,
	answer: string
): Promise<SendTiming> {
	const chat = page.getByRole('region', { name: 'Chat' });
	const [before, turnsEnded] = await page.evaluate(
		(names) => names.map((name) => performance.getEntriesByName(name).length),
		[SEND_STARTED, TURN_ENDED]
	);
	await chat.getByRole('textbox', { name: 'Message' }).fill(text);
	await chat.getByRole('textbox', { name: 'Message' }).press('Enter');
	// Waited for through CDP where the build sets the marks, not with Playwright's locators: their
	// polling runs Playwright's injected script in the page, tasks of up to ~70 ms at 4× CPU over
	// the IDE's DOM (profiled), counted among the send's own.
	if ((await waitForMark(cdp, SEND_STARTED, 10_000, before!)) !== null) {
		const ended = await waitForMark(cdp, TURN_ENDED, 300_000, turnsEnded!);
		if (ended === null) throw new Error(`The turn did not end in 300 s (no ${TURN_ENDED} mark).`);
		const { result } = await cdp.send('Runtime.evaluate', {
			expression: `document.querySelector('section[aria-label="Chat"]')?.textContent.includes(${JSON.stringify(answer)})`,
			returnByValue: true
		});
		if (result.value !== true) throw new Error(`The turn ended without "${answer}" in the chat.`);
	} else {
		await chat.getByText(answer).waitFor({ timeout: 300_000 });
		// The answer can be on screen before the turn has ended (its log still being stored): a
		// message sent then is refused as busy, so the next send waits for the composer's Send.
		await chat.getByRole('button', { name: 'Send' }).waitFor({ timeout: 300_000 });
	}
	return page.evaluate(
		([sendName, requestName, endName, index]) => {
			const page = globalThis as unknown as {
				__kilnLongTasks: { start: number; duration: number }[];
				__kilnEnters: number[];
				__kilnFrames: LongFrame[];
			};
			// The marks where the build sets them; else the Enter and the request's resource timing.
			const marked = performance.getEntriesByName(sendName)[index as number]?.startTime;
			const started = marked ?? page.__kilnEnters.at(-1)!;
			const sentMark = performance
				.getEntriesByName(requestName)
				.find((entry) => entry.startTime >= started)?.startTime;
			const sentResource = performance
				.getEntriesByType('resource')
				.find(
					(entry) =>
						/\/v1\/(messages|chat\/completions)(\?|$)/.test(entry.name) &&
						entry.startTime >= started
				)?.startTime;
			const sent = sentMark ?? sentResource;
			if (sent === undefined) throw new Error('No model request seen after the send.');
			const ended = performance
				.getEntriesByName(endName)
				.find((entry) => entry.startTime >= sent)?.startTime;
			const during = page.__kilnLongTasks.filter((task) => task.start + task.duration >= started);
			const task = during.reduce<(typeof during)[number] | null>(
				(longest, next) => (longest && longest.duration >= next.duration ? longest : next),
				null
			);
			const frames = task
				? page.__kilnFrames.filter(
						(frame) =>
							frame.start < task.start + task.duration && task.start < frame.start + frame.duration
					)
				: [];
			return {
				latency: sent - started,
				longestTask: task?.duration ?? 0,
				longest: task ? { task, frames } : null,
				toTurnEnd: ended === undefined ? null : ended - sent
			};
		},
		[SEND_STARTED, REQUEST_SENT, TURN_ENDED, before!] as const
	);
}

/** One cold page: load, new chat, send at once; then a second send in the same page. */
async function coldRun(
	context: BrowserContext,
	ideUrl: string,
	modelUrl: string,
	throttled: boolean,
	settleMs: number
): Promise<{ first: SendTiming; second: SendTiming }> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.clearBrowserCache');
	if (throttled) {
		await cdp.send('Network.emulateNetworkConditions', FAST_3G);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	}
	await script(modelUrl, [{ text: 'First answer here.' }, { text: 'Second answer here.' }]);
	await page.goto(ideUrl);
	const chat = page.getByRole('region', { name: 'Chat' });
	await chat.getByRole('button', { name: 'New chat' }).click({ timeout: 120_000 });
	if (settleMs > 0) await page.waitForTimeout(settleMs);
	const first = await timedSend(page, cdp, 'Hello', 'First answer here.');
	const second = await timedSend(page, cdp, 'Again', 'Second answer here.');
	await page.close();
	return { first, second };
}

/**
 * Request → turn end: the answer streams, then the turn stores its log. The first turn's request
 * event waits for the tokenizer's estimate, so on a slow network the composer stays on Stop
 * after the answer is on screen; the second send's turn is the reference.
 */
function turnEndRow(
	results: { first: SendTiming; second: SendTiming }[],
	subject: string
): WebBenchRow {
	const pick = (times: (number | null)[]) => {
		const known = times.filter((time): time is number => time !== null);
		return known.length === times.length ? median(known) : null;
	};
	const value = pick(results.map((result) => result.first.toTurnEnd));
	const referenceValue = pick(results.map((result) => result.second.toTurnEnd));
	return {
		figure: 'request → turn ended (composer free)',
		subject,
		value,
		unit: 'ms',
		reference: 'second send in the same page',
		referenceValue,
		...(value === null || referenceValue === null ? { missing: `no ${TURN_ENDED} mark` } : {})
	};
}

/** How long the person types before sending, in the second set of throttled runs. */
const TYPING_MS = 6_000;

/** A long task is one over this long (the Long Tasks API's threshold). */
const LONG_TASK_MS = 50;

/** For each run whose first send had a long task: how long, and what ran in it. */
function longTaskDetails(
	results: { first: SendTiming }[],
	describe: (longest: NonNullable<SendTiming['longest']>) => string
): string[] {
	return results.flatMap(({ first }, run) =>
		first.longest && first.longestTask > LONG_TASK_MS
			? [`run ${run + 1}: ${Math.round(first.longestTask)} ms: ${describe(first.longest)}`]
			: []
	);
}

/**
 * A set of runs' first-send latency and longest task, each against the second send; the longest
 * task's row says, per run that had one, what ran in it.
 */
function sendRows(
	results: { first: SendTiming; second: SendTiming }[],
	subject: string,
	describe: (longest: NonNullable<SendTiming['longest']>) => string
): WebBenchRow[] {
	const details = longTaskDetails(results, describe);
	return [
		{
			figure: 'first-send latency (send → request)',
			subject,
			value: median(results.map((result) => result.first.latency)),
			unit: 'ms',
			reference: 'second send in the same page',
			referenceValue: median(results.map((result) => result.second.latency))
		},
		{
			figure: 'longest main-thread task, first send → answer',
			subject,
			value: median(results.map((result) => result.first.longestTask)),
			unit: 'ms',
			reference: 'second send in the same page',
			referenceValue: median(results.map((result) => result.second.longestTask)),
			goal: { max: LONG_TASK_MS },
			...(details.length > 0 ? { details } : {})
		}
	];
}

export const firstSend: WebBenchMeasure = {
	id: 'first-send',
	throttles: true,
	async run({
		browser,
		appUrl,
		modelUrl,
		runs,
		throttled
	}: WebBenchContext): Promise<WebBenchRow[]> {
		const context = await browser.newContext({ serviceWorkers: 'block' }); // see subjects.ts
		await context.addInitScript(WATCH_PAGE);
		await context.addInitScript(RECORD_LONG_FRAMES);
		try {
			const setup = await context.newPage();
			const ideUrl = await seed(setup, appUrl, modelUrl);
			await setup.close();
			const results = [];
			// KILN_BENCH_SETTLE_MS: these runs send after the page had this long to itself.
			const settle = Number(process.env.KILN_BENCH_SETTLE_MS ?? 0);
			// One warm-up (the server's own caches, the page's code in the OS cache), then `runs`.
			for (let run = 0; run <= runs; run++) {
				const result = await coldRun(context, ideUrl, modelUrl, throttled, settle);
				if (run > 0) results.push(result);
			}
			// On a slow line and CPU, also as a person who types for a while before sending.
			const typed = [];
			for (let run = 0; throttled && run < runs; run++) {
				typed.push(await coldRun(context, ideUrl, modelUrl, throttled, TYPING_MS));
			}
			const subject = `IDE, 2,000 files${throttled ? ', Fast 3G + 4× CPU' : ''}`;
			const report = await readBundleReport();
			const origin = new URL(appUrl).origin;
			const describe = ({ task, frames }: NonNullable<SendTiming['longest']>) =>
				describeTask(task, frames, origin, report);
			return [
				...sendRows(results, subject, describe),
				turnEndRow(results, subject),
				...(typed.length > 0
					? sendRows(typed, `${subject}, sent ${TYPING_MS / 1000} s later`, describe)
					: [])
			];
		} finally {
			await context.close();
		}
	}
};

export default firstSend;

/** Alone: `npx tsx bench/web/measures/first-send.ts <app url> [--throttled] [--runs N]`. */
async function main(): Promise<void> {
	const appUrl = process.argv[2] ?? 'http://localhost:4173';
	const throttled = process.argv.includes('--throttled');
	const runsAt = process.argv.indexOf('--runs');
	const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
	const { chromium } = await import('@playwright/test');
	const { chromiumLaunchOptions } = await import('../../../tooling/chromium');
	const { startMockModelServer } = await import('../../../tooling/mock-model');
	const server = await startMockModelServer({ script: [] });
	const browser: Browser = await chromium.launch(chromiumLaunchOptions());
	try {
		const rows = await firstSend.run({ browser, appUrl, modelUrl: server.url, runs, throttled });
		for (const row of rows) {
			console.log(
				`${row.figure} | ${row.subject} | ${row.value?.toFixed(0)} ${row.unit} | ${row.reference}: ${row.referenceValue?.toFixed(0)} ${row.unit}`
			);
			for (const line of row.details ?? []) console.log(`  ${line}`);
		}
	} finally {
		await browser.close();
		await server.close();
	}
}

if (process.argv[1]?.endsWith('first-send.ts')) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
