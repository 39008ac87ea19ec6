/**
 * The editor (CodeMirror, about 100 KB gzip, and Editor.svelte) is a chunk of its own: the IDE
 * shell paints without it, a file that opens loads it, and idle time after the first paint
 * fetches it ahead of that (preloadEditor). One import for the page, shared by every caller.
 */
import { whenIdle } from '$lib/runtime';

export type EditorModule = typeof import('./editor-chunk');

let loading: Promise<EditorModule> | undefined;

/** The editor chunk; a failed download is tried again on the next call rather than remembered. */
export function loadEditor(): Promise<EditorModule> {
	loading ??= import('./editor-chunk').catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

/**
 * Starts loading the editor when the page is idle (soon after the shell paints): CodeMirror's
 * core part by part, a task apart (preload-core.ts), then the rest. A file opened meanwhile does
 * not wait for the parts in turn: loadEditor() imports everything left at once.
 */
export function preloadEditor(): () => void {
	let stopped = false;
	const cancel = whenIdle(
		() => {
			void (async () => {
				const { preloadCore } = await import('./preload-core');
				await preloadCore(() => stopped || loading !== undefined);
				if (!stopped) await loadEditor();
			})().catch(() => {}); // a file that opens loads the editor again and says what failed
		},
		{ timeoutMs: 2000 }
	);
	return () => {
		stopped = true;
		cancel();
	};
}
