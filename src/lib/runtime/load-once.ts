/**
 * A chunk's loader that fetches it once: every caller shares the same download, and a failed one
 * is tried again on the next call rather than remembered (the network may be back).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | undefined;
	return () => {
		loading ??= load().catch((error: unknown) => {
			loading = undefined;
			throw error;
		});
		return loading;
	};
}
