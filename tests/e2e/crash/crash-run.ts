/**
 * One browser profile carried through a scripted session: act, bring the session to a known
 * state, kill the browser, relaunch it on the same profile, read what storage kept before the
 * app gets to touch it, then reopen the IDE and look at what the person sees.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
	checkProject,
	projectIdOf,
	readProject,
	type Expectations,
	type StoredProject
} from './consistency';
import { launchKillable, type KillableBrowser } from './killable-browser';

export const INTERRUPTED_TURN = 'This turn was cut off when the page closed.';
export const INTERRUPTED_TOOL = 'The page closed before this tool finished.';

export class CrashRun {
	readonly #baseURL: string;
	#profile = '';
	#browser: KillableBrowser | undefined;
	/** The IDE's URL for the project under test (set by the first project opened). */
	projectUrl = '';

	constructor(baseURL: string) {
		this.#baseURL = baseURL.replace(/\/$/, '');
	}

	get page(): Page {
		if (!this.#browser) throw new Error('The browser is not running: call start() first.');
		return this.#browser.page;
	}

	get projectId(): string {
		return projectIdOf(this.projectUrl);
	}

	url(path: string): string {
		return this.#baseURL + path;
	}

	async start(): Promise<Page> {
		this.#profile = await mkdtemp(join(tmpdir(), 'kiln-crash-'));
		this.#browser = await launchKillable(this.#profile);
		return this.page;
	}

	/**
	 * Kills the browser where it stands, relaunches it on the same profile, checks storage as
	 * the crash left it against `expectations`, then reopens `reopen` (the project by default).
	 * Returns the reopened page and storage as the crash left it, for checks of the point's own.
	 */
	async crash(
		expectations: Expectations = {},
		reopen = this.projectUrl
	): Promise<{ page: Page; stored: StoredProject }> {
		await this.#browser!.kill();
		this.#browser = await launchKillable(this.#profile);
		// A document of Kiln's origin that runs none of Kiln's code: storage exactly as left.
		await this.page.goto(this.url('/favicon.svg'));
		const stored = await readProject(this.page, this.projectId);
		await test.info().attach('storage after the crash', {
			body: JSON.stringify(stored, null, 1),
			contentType: 'application/json'
		});
		expect(checkProject(stored, expectations), 'storage as the crash left it').toEqual([]);
		await this.page.goto(reopen);
		return { page: this.page, stored };
	}

	async close(): Promise<void> {
		await this.#browser?.kill();
		this.#browser = undefined;
		if (this.#profile) await rm(this.#profile, { recursive: true, force: true });
	}
}

/** The reopened IDE is whole: no set-aside notice, no error page, the chat shows. */
export async function expectIdeReopened(page: Page): Promise<void> {
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Chat' })).toBeVisible();
	await expect(page.getByRole('alert', { name: 'Saved data set aside' })).toHaveCount(0);
}

/** The crash cut a turn: the chat says so, and the person can send the next message. */
export async function expectTurnMarkedInterrupted(page: Page): Promise<void> {
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText(INTERRUPTED_TURN)).toBeVisible();
	await expect(chat.getByRole('button', { name: 'Send' })).toBeVisible();
}
