/**
 * A command in the offline runtime while the IDE is open: the longest main-thread task while a
 * grep reads every file of the 2,000-file project (30 MB), typed into the terminal as a person
 * would, and how long it took. just-bash runs in the page, so a command that never gave the
 * page its thread back froze the whole IDE for as long as it ran. Runs on its own too:
 *
 *   npx tsx bench/web/measures/command.ts --url http://localhost:4341 [--runs 3]
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../tooling/chromium';
import { waitForMark } from '../browser';
import type { WebBenchMeasure, WebBenchRow } from '../types';
import { median } from '../../storage/report';
import { seedProjects } from './runtime';

/** Reads every file and finds nothing: the whole tree is searched. The echo says it ended. */
const COMMAND = 'grep -rl kiln-bench-needle . | wc -l; echo bench-$((40 + 2))';
/** The reference: a command that reads nothing, typed and detected the same way. */
const TRIVIAL = 'echo bench-$((40 + 2))';
const ENDED = 'bench-42';

export const commandMeasure: WebBenchMeasure = {
	id: 'command',
	throttles: false,
	async run(context) {
		return measureCommand(context.browser, context.appUrl, context.runs);
	}
};

export async function measureCommand(
	browser: Browser,
	appUrl: string,
	runs: number
): Promise<WebBenchRow[]> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	try {
		const page = await context.newPage();
		await page.addInitScript(() => {
			const tasks: number[] = ((window as { __kilnTasks?: number[] }).__kilnTasks = []);
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) tasks.push(entry.duration);
			}).observe({ type: 'longtask' });
		});
		const cdp = await context.newCDPSession(page);
		const { big } = await seedProjects(page, appUrl);
		const longest: number[] = [];
		const took: number[] = [];
		const trivial: number[] = [];
		// Run 0 warms the JIT and is dropped.
		for (let run = 0; run <= runs; run++) {
			await openProject(page, cdp, `${appUrl}/project/${big}?runtime=browser`);
			const reference = await runCommand(page, cdp, TRIVIAL);
			const sample = await runCommand(page, cdp, COMMAND);
			if (run > 0) {
				longest.push(sample.longestTask);
				took.push(sample.took);
				trivial.push(reference.took);
			}
			process.stdout.write(`\r  command: run ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}   `);
		}
		process.stdout.write('\n');
		const subject = 'terminal: grep -r over 2,000 files / 30 MB';
		return [
			{
				figure: 'longest task while a command runs',
				subject,
				value: median(longest),
				unit: 'ms',
				reference: 'long-task limit',
				referenceValue: 50,
				goal: { max: 50 }
			},
			{
				figure: 'command time',
				subject,
				value: median(took),
				unit: 'ms',
				reference: 'a command that reads nothing (echo)',
				referenceValue: median(trivial)
			}
		];
	} finally {
		await context.close();
	}
}

async function openProject(page: Page, cdp: CDPSession, url: string) {
	await page.goto(url, { waitUntil: 'commit' });
	if ((await waitForMark(cdp, 'kiln:runtime-ready', 60_000)) === null) {
		throw new Error('The project did not open: no kiln:runtime-ready in 60 s.');
	}
	const terminal = page.locator('section[aria-label="Terminal"]');
	await terminal.locator('.xterm-rows').getByText('$').first().waitFor();
	await terminal.locator('.xterm').click();
}

/** Types `command` into the focused terminal, runs it, and waits for its output to end. */
async function runCommand(page: Page, cdp: CDPSession, command: string) {
	const ended = `section.textContent.includes(${JSON.stringify(ENDED)})`;
	// The screen is cleared first, so the end marker seen is this command's.
	await page.keyboard.type('clear');
	await page.keyboard.press('Enter');
	await cdp.send('Runtime.evaluate', {
		expression: whenTerminal(`!${ended}`, 'true'),
		awaitPromise: true
	});
	await page.keyboard.type(command);
	// Only the command's own tasks count: what opening the page left behind is forgotten.
	await cdp.send('Runtime.evaluate', {
		expression: 'window.__kilnTasks.length = 0; window.__kilnStarted = performance.now()'
	});
	await page.keyboard.press('Enter');
	const { result } = await cdp.send('Runtime.evaluate', {
		expression: whenTerminal(
			ended,
			'{ took: performance.now() - window.__kilnStarted, longestTask: Math.max(0, ...window.__kilnTasks) }'
		),
		awaitPromise: true,
		returnByValue: true
	});
	return result.value as { took: number; longestTask: number };
}

/**
 * An expression for the page: a promise of `value` once `holds` (about `section`, the terminal)
 * is true, checked now and on every change to the terminal's DOM.
 */
function whenTerminal(holds: string, value: string): string {
	return `new Promise((resolve) => {
		const section = document.querySelector('section[aria-label="Terminal"]');
		const check = () => (${holds}) && (resolve(${value}), true);
		if (check()) return;
		const observer = new MutationObserver(() => check() && observer.disconnect());
		observer.observe(section, { subtree: true, childList: true, characterData: true });
	})`;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { url: { type: 'string' }, runs: { type: 'string', default: '3' } }
	});
	if (!values.url) throw new Error('Usage: npx tsx bench/web/measures/command.ts --url <app URL>');
	const browser = await chromium.launch(chromiumLaunchOptions());
	try {
		for (const row of await measureCommand(browser, values.url, Number(values.runs))) {
			console.log(`${row.figure}: ${row.value?.toFixed(0) ?? '—'} ms (${row.subject})`);
		}
	} finally {
		await browser.close();
	}
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
	await main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
