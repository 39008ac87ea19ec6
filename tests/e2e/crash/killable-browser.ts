/**
 * A Chromium this test owns and can kill like a power cut: spawned in its own process group
 * with a persistent profile, driven over CDP, and ended with SIGKILL to the whole group, so no
 * unload handler, no IndexedDB flush-on-close and no graceful shutdown gets to run. Relaunching
 * on the same profile is what a person reopening their browser gets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../tooling/chromium';

export interface KillableBrowser {
	readonly browser: Browser;
	readonly context: BrowserContext;
	readonly page: Page;
	/** SIGKILL to the browser's whole process group; resolves once the browser process is gone. */
	kill(): Promise<void>;
}

const VIEWPORT = { width: 1440, height: 900 };
const DEVTOOLS_LINE = /DevTools listening on (ws:\/\/\S+)/;

export async function launchKillable(userDataDir: string): Promise<KillableBrowser> {
	const { executablePath, args } = chromiumLaunchOptions();
	const child = spawn(
		executablePath,
		[
			...args,
			'--headless',
			`--user-data-dir=${userDataDir}`,
			'--remote-debugging-port=0',
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			// The previous run was killed: no "restore pages?" and no crash bubble on relaunch.
			'--hide-crash-restore-bubble',
			'--disable-session-crashed-bubble',
			'--no-default-browser-check',
			'about:blank'
		],
		{ detached: true, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const endpoint = await devtoolsEndpoint(child);
	const browser = await chromium.connectOverCDP(endpoint);
	const context = browser.contexts()[0] ?? (await browser.newContext());
	const page = context.pages()[0] ?? (await context.newPage());
	await page.setViewportSize(VIEWPORT);
	return {
		browser,
		context,
		page,
		async kill() {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
			await exited;
		}
	};
}

function devtoolsEndpoint(child: ChildProcess): Promise<string> {
	return new Promise((resolve, reject) => {
		let seen = '';
		const onData = (chunk: Buffer) => {
			seen += chunk.toString();
			const match = DEVTOOLS_LINE.exec(seen);
			if (match) {
				child.stderr!.off('data', onData);
				// Keep draining stderr so Chromium never blocks on a full pipe.
				child.stderr!.resume();
				resolve(match[1]!);
			}
		};
		child.stderr!.on('data', onData);
		child.once('exit', (code, signal) =>
			reject(new Error(`Chromium exited before DevTools was ready (${code ?? signal}):\n${seen}`))
		);
		child.once('error', reject);
	});
}
