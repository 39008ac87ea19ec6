/**
 * Offline, WebContainer's boot neither resolves nor rejects, and a hung boot blocks every later
 * boot on the page. So before booting we ask the network once: can StackBlitz's boot page be
 * reached at all? A DNS or connection failure answers in milliseconds, instead of a 20-second
 * timeout, and lets the status say "no network" rather than "timed out".
 *
 * `no-cors` keeps the probe free of CORS (the answer is opaque; only reaching it matters), and
 * credentialless COEP allows such requests.
 */
export const WEBCONTAINER_ORIGIN = 'https://stackblitz.com';

export interface ReachabilityOptions {
	url?: string;
	timeoutMs?: number;
	fetch?: typeof globalThis.fetch;
}

export type Reachability = { reachable: true } | { reachable: false; message: string };

export async function probeWebContainerHost(
	options: ReachabilityOptions = {}
): Promise<Reachability> {
	const { url = `${WEBCONTAINER_ORIGIN}/headless`, timeoutMs = 8000 } = options;
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		await doFetch(url, {
			mode: 'no-cors',
			cache: 'no-store',
			credentials: 'omit',
			signal: controller.signal
		});
		return { reachable: true };
	} catch {
		return {
			reachable: false,
			message: controller.signal.aborted
				? `no answer from ${new URL(url).host} within ${Math.round(timeoutMs / 1000)} s, so WebContainer cannot load (slow or no network)`
				: `no network: ${new URL(url).host} cannot be reached, so WebContainer cannot load`
		};
	} finally {
		clearTimeout(timer);
	}
}
