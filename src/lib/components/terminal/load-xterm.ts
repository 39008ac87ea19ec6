/**
 * xterm (about 80 KB gzip, and its stylesheet) is a chunk of its own, out of the first paint. The
 * IDE starts fetching it when the route starts (preloadTerminal), in parallel with the runtime,
 * so the terminal does not wait for a download once the runtime is there.
 */
let loading: Promise<typeof import('./xterm')> | undefined;

/** The xterm chunk; a failed download is tried again on the next call. */
export function loadXterm(): Promise<typeof import('./xterm')> {
	loading ??= import('./xterm').catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

/** Starts the download now; a failure is reported by the Terminal when it asks for it. */
export function preloadTerminal(): void {
	loadXterm().catch(() => {});
}
