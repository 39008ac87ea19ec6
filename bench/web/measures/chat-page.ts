/**
 * What the chat measure does inside the page: record long tasks, seed a long session straight
 * into Kiln's IndexedDB (events shaped like the ones the app itself stored), and wait for a
 * turn to be on screen.
 */
import type { Page } from '@playwright/test';
import { seededAnswer, seededQuestion } from './chat-text';

export interface LongTask {
	start: number;
	duration: number;
}

/** From the page's first script on: every main-thread task over 50 ms, into window.__kilnLongTasks. */
export async function recordLongTasks(page: Page): Promise<void> {
	await page.addInitScript('globalThis.__name ??= (f) => f');
	await page.addInitScript(() => {
		const tasks: { start: number; duration: number }[] = [];
		(window as unknown as { __kilnLongTasks: typeof tasks }).__kilnLongTasks = tasks;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				tasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** Long tasks that started in [from, to] (page time, ms). */
export function longTasksBetween(page: Page, from: number, to: number): Promise<LongTask[]> {
	return page.evaluate(
		({ from, to }) =>
			(
				window as unknown as { __kilnLongTasks: { start: number; duration: number }[] }
			).__kilnLongTasks
				.filter((task) => task.start >= from && task.start <= to)
				.map((task) => ({ start: task.start, duration: task.duration })),
		{ from, to }
	);
}

export function pageNow(page: Page): Promise<number> {
	return page.evaluate(() => performance.now());
}

/**
 * The time of the first frame in which the article labelled `label` exists, and none labelled
 * `gone` (a turn only the chat left had), polled every animation frame: works on builds with and
 * without the `kiln:chat-ready` mark.
 */
export async function turnShownAt(page: Page, label: string, gone?: string): Promise<number> {
	try {
		const handle = await page.waitForFunction(
			({ label, gone }) =>
				document.querySelector(`article[aria-label="${label}"]`) &&
				!(gone && document.querySelector(`article[aria-label="${gone}"]`))
					? performance.now()
					: false,
			{ label, gone },
			{ polling: 'raf', timeout: 60_000 }
		);
		return (await handle.jsonValue()) as number;
	} catch (error) {
		const labels = await page
			.locator('article')
			.evaluateAll((all) => all.map((a) => a.getAttribute('aria-label')));
		throw new Error(`the newest turn never showed (turns on screen: ${labels.join(', ')})`, {
			cause: error
		});
	}
}

/** The `kiln:chat-ready` mark's time, if the build sets it. */
export function chatReadyMark(page: Page): Promise<number | undefined> {
	return page.evaluate(() => performance.getEntriesByName('kiln:chat-ready').at(-1)?.startTime);
}

/**
 * When the opened session's token counts were warmed in idle time (`kiln:session-counted`),
 * waiting up to `timeoutMs` for it; undefined on builds without the mark.
 */
export async function sessionCountedMark(
	page: Page,
	timeoutMs: number
): Promise<number | undefined> {
	try {
		const handle = await page.waitForFunction(
			() => performance.getEntriesByName('kiln:session-counted').at(-1)?.startTime ?? false,
			undefined,
			{ timeout: timeoutMs }
		);
		return (await handle.jsonValue()) as number;
	} catch {
		return undefined;
	}
}

/**
 * Appends `turns` question/answer turns (2 × turns messages) to the project's only session,
 * copying the shape of the events the app stored for its first turn.
 */
export async function seedLongSession(page: Page, turns: number): Promise<void> {
	const texts = Array.from({ length: turns }, (_, i) => ({
		question: seededQuestion(i + 1),
		answer: seededAnswer(i + 1)
	}));
	// tsx names functions through a helper the page does not have.
	await page.evaluate('globalThis.__name ??= (f) => f');
	await page.evaluate(async (texts) => {
		const open = (name: string) =>
			new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const done = (request: IDBRequest) =>
			new Promise<unknown>((resolve, reject) => {
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const sessionsDb = await open('kiln-sessions');
		const metas = (await done(
			sessionsDb.transaction('sessions').objectStore('sessions').getAll()
		)) as { id: string }[];
		sessionsDb.close();
		if (metas.length !== 1) throw new Error(`expected one session, found ${metas.length}`);
		const id = metas[0]!.id;
		const eventsDb = await open('kiln-session-events');
		const store = eventsDb.transaction('events').objectStore('events');
		const range = IDBKeyRange.bound([id], [id, []]);
		const events = (await done(store.getAll(range))) as Record<string, unknown>[];
		const user = events.find((e) => e.type === 'user-message');
		const step = events.find((e) => e.type === 'assistant-step');
		const end = events.find((e) => e.type === 'turn-end');
		if (!user || !step || !end) throw new Error('the first turn was not stored');
		const records: [IDBValidKey, unknown][] = [];
		let seq = events.length;
		texts.forEach(({ question, answer }, i) => {
			const at = Date.now() + i;
			records.push([[id, seq++], { ...user, id: `seed-user-${i}`, at, text: question }]);
			records.push([
				[id, seq++],
				{
					...step,
					id: `seed-step-${i}`,
					at,
					message: { role: 'assistant', content: [{ type: 'text', text: answer }] }
				}
			]);
			records.push([[id, seq++], { ...end, at }]);
		});
		const tx = eventsDb.transaction('events', 'readwrite');
		for (const [key, value] of records) tx.objectStore('events').put(value, key);
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		eventsDb.close();
	}, texts);
}
