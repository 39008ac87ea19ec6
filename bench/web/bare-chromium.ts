/**
 * Debian's Chromium driven over a bare DevTools pipe, without Playwright. Playwright turns on the
 * Runtime and Network domains in every page, builds its utility world at each navigation and is
 * told of every request: work a person's browser never does, and some of it lands inside the
 * opening being timed (~30 ms of a 250-370 ms cold open in this machine's bench batches). A bare
 * page has only the domains a measure calls, and a measure that reads its figures after the fact
 * (performance marks) leaves the opening untouched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { chromiumLaunchOptions } from '../../tooling/chromium';

/** Splits the pipe's byte stream into messages: DevTools ends each JSON message with a NUL. */
export class NulFramer {
	#pending: Buffer[] = [];

	/** The messages a chunk completes, in order; a partial one waits for the next chunk. */
	push(chunk: Buffer): string[] {
		const messages: string[] = [];
		let start = 0;
		for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
			this.#pending.push(chunk.subarray(start, end));
			messages.push(Buffer.concat(this.#pending).toString('utf8'));
			this.#pending = [];
			start = end + 1;
		}
		if (start < chunk.length) this.#pending.push(chunk.subarray(start));
		return messages;
	}
}

interface Reply {
	id?: number;
	sessionId?: string;
	result?: unknown;
	error?: { message: string };
}

export interface BarePage {
	/** A DevTools command in this page's session. */
	send<T = unknown>(method: string, params?: object): Promise<T>;
	/** The value of an expression evaluated in the page (returned by value). */
	evaluate<T>(expression: string): Promise<T>;
}

export interface BareChromium {
	newPage(): Promise<BarePage>;
	close(): Promise<void>;
}

/** Launches headless Chromium on `userDataDir` (which may hold a profile seeded beforehand). */
export async function launchBareChromium(userDataDir: string): Promise<BareChromium> {
	const options = chromiumLaunchOptions();
	const browser: ChildProcess = spawn(
		options.executablePath,
		[
			...options.args,
			'--headless=new',
			'--remote-debugging-pipe',
			`--user-data-dir=${userDataDir}`,
			'about:blank'
		],
		// fd 3: what the browser reads; fd 4: what it writes.
		{ stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] }
	);
	const toBrowser = browser.stdio[3] as Writable;
	const fromBrowser = browser.stdio[4] as Readable;
	const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let lastId = 0;
	const framer = new NulFramer();
	fromBrowser.on('data', (chunk: Buffer) => {
		for (const text of framer.push(chunk)) {
			if (!text) continue;
			const reply = JSON.parse(text) as Reply;
			const waiter = reply.id === undefined ? undefined : waiting.get(reply.id);
			if (!waiter) continue;
			waiting.delete(reply.id!);
			if (reply.error) waiter.reject(new Error(`DevTools: ${reply.error.message}`));
			else waiter.resolve(reply.result);
		}
	});
	browser.once('exit', (code) => {
		for (const waiter of waiting.values()) {
			waiter.reject(new Error(`Chromium exited (code ${code}) before it answered.`));
		}
		waiting.clear();
	});

	function send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
		const id = ++lastId;
		return new Promise<T>((resolve, reject) => {
			waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
			toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
		});
	}

	return {
		async newPage() {
			const { targetId } = await send<{ targetId: string }>('Target.createTarget', {
				url: 'about:blank'
			});
			const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
				targetId,
				flatten: true
			});
			const page: BarePage = {
				send: (method, params) => send(method, params, sessionId),
				async evaluate<T>(expression: string) {
					const { result, exceptionDetails } = await page.send<{
						result: { value: T };
						exceptionDetails?: { text: string };
					}>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
					if (exceptionDetails) throw new Error(`In the page: ${exceptionDetails.text}`);
					return result.value;
				}
			};
			return page;
		},
		async close() {
			if (browser.exitCode !== null || browser.signalCode !== null) return;
			const exited = new Promise((resolve) => browser.once('exit', resolve));
			await send('Browser.close').catch(() => browser.kill());
			await exited;
		}
	};
}
