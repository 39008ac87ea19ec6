import type { BootOptions, WebContainer } from '@webcontainer/api';
import {
	webContainerSupport,
	type SupportEnv,
	type WebContainerUnsupportedReason
} from './support';
import { messageOf } from '../../errors';

export type WebContainerBootFailure = WebContainerUnsupportedReason | 'timeout' | 'boot-failed';

/** Why WebContainer is not available, with a message a person can act on. */
export class WebContainerBootError extends Error {
	override readonly name = 'WebContainerBootError';
	constructor(
		readonly reason: WebContainerBootFailure,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}

export type WebContainerBootFn = (options: BootOptions) => Promise<WebContainer>;

export interface BootWebContainerOptions {
	/** How long to wait before giving up; offline, boot never settles. */
	timeoutMs?: number;
	/** Must match the page's Cross-Origin-Embedder-Policy; fixed by the first boot. */
	coep?: 'require-corp' | 'credentialless';
	workdirName?: string;
	/** Replaces WebContainer.boot (tests). */
	boot?: WebContainerBootFn;
	/** The global object to check for support and to remember the boot on (tests pass their own). */
	env?: SupportEnv & object;
}

export type WebContainerBootStatus =
	| { readonly state: 'idle' }
	| { readonly state: 'booting' }
	| { readonly state: 'ready'; readonly container: WebContainer }
	| { readonly state: 'timed-out' | 'failed'; readonly error: WebContainerBootError };

interface BootRecord {
	status: Exclude<WebContainerBootStatus, { state: 'idle' }>;
	/** The boot raced against the timeout, shared by every caller while it is pending. */
	raced: Promise<WebContainer>;
}

// Symbol.for, so a module instance re-created by hot reload finds the same record.
const RECORD = Symbol.for('kiln.webcontainer.boot');
type Scope = { [RECORD]?: BootRecord };

/**
 * Boots WebContainer at most once per page and shares the result. WebContainer allows one
 * instance per page, and a boot that hangs (no network) holds its lock for good, so a boot is
 * never started twice: while one is pending, callers share it; after it timed out, callers get
 * the timeout at once (and the container, should the old boot still finish); after it failed,
 * the failure. Unsupported environments are refused before booting, which leaves the way open
 * to boot later (say, once back online).
 */
export function bootWebContainer(options: BootWebContainerOptions = {}): Promise<WebContainer> {
	const env = options.env ?? globalThis;
	const scope = env as Scope;
	const existing = scope[RECORD];
	if (existing) {
		const { status } = existing;
		if (status.state === 'ready') return Promise.resolve(status.container);
		if (status.state === 'booting') return existing.raced;
		return Promise.reject(status.error);
	}

	const support = webContainerSupport(env);
	if (!support.supported) {
		return Promise.reject(new WebContainerBootError(support.reason, support.message));
	}

	const { timeoutMs = 20_000, coep = 'credentialless', workdirName = 'project' } = options;
	const boot = options.boot ?? bootFromPackage;
	let booting: Promise<WebContainer>;
	try {
		booting = boot({ coep, workdirName });
	} catch (error) {
		booting = Promise.reject(error);
	}
	const raced = new Promise<WebContainer>((resolve, reject) => {
		const timer = setTimeout(() => {
			const error = new WebContainerBootError(
				'timeout',
				`WebContainer did not start within ${formatSeconds(timeoutMs)}. It loads from ` +
					"StackBlitz's servers: check the network connection (and that third-party cookies " +
					'are not blocked), then reload the page to try again. Kiln keeps working on the ' +
					'offline runtime meanwhile.'
			);
			record.status = { state: 'timed-out', error };
			reject(error);
		}, timeoutMs);
		// These also run when a boot that timed out settles after all: the status then follows it.
		booting.then(
			(container) => {
				clearTimeout(timer);
				record.status = { state: 'ready', container };
				resolve(container);
			},
			(cause: unknown) => {
				clearTimeout(timer);
				const error = bootFailed(cause);
				record.status = { state: 'failed', error };
				reject(error);
			}
		);
	});
	const record: BootRecord = { status: { state: 'booting' }, raced };
	scope[RECORD] = record;
	return record.raced;
}

/** Where the page's single boot stands, without starting one. */
export function webContainerBootStatus(env: object = globalThis): WebContainerBootStatus {
	return (env as Scope)[RECORD]?.status ?? { state: 'idle' };
}

/** Loads @webcontainer/api only when a boot is asked for, so importing Kiln costs nothing. */
async function bootFromPackage(options: BootOptions): Promise<WebContainer> {
	const { WebContainer } = await import('@webcontainer/api');
	return WebContainer.boot(options);
}

function bootFailed(cause: unknown): WebContainerBootError {
	if (cause instanceof WebContainerBootError) return cause;
	const detail = messageOf(cause);
	return new WebContainerBootError(
		'boot-failed',
		`WebContainer failed to start: ${detail}. Reload the page to try again; Kiln keeps working ` +
			'on the offline runtime meanwhile.',
		{ cause }
	);
}

function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
