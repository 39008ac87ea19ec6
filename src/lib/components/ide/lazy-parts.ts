/**
 * What the IDE shows only on a person's action, each its own chunk: the share, settings and
 * export dialogs (fflate, the share code, the model list), quick open and the command palette
 * (fuzzysort), the Search panel and the changes review (diff, CodeMirror's merge view). The shell paints without them; each loads on first use.
 * The export dialog was part of the shell until it was trimmed, so prefetchIdleParts() fetches it
 * in idle time after the shell paints: its button opens it without waiting, as it always did.
 */
import { loadOnce as once, whenIdle } from '$lib/runtime';
import type { ChangeReview, ChangeReviewOptions } from '$lib/state/changes';

export const loadShareDialog = once(() => import('$lib/components/share/ShareDialog.svelte'));
export const loadSettingsDialog = once(
	() => import('$lib/components/settings/SettingsDialog.svelte')
);
export const loadQuickOpen = once(() => import('./QuickOpen.svelte'));
export const loadSearchPanel = once(() => import('$lib/components/search/SearchPanel.svelte'));
export const loadCommandPalette = once(() => import('./CommandPalette.svelte'));
export const loadChangesPanel = once(() => import('$lib/components/changes/ChangesPanel.svelte'));

/**
 * The Changes review (what the chat's turns changed, reverts, the tree's marks), made once the
 * chat is open: its code is not the first paint's, and the route had no room left for it.
 */
export async function loadChangeReview(options: ChangeReviewOptions): Promise<ChangeReview> {
	const { ChangeReview } = await import('$lib/state/changes');
	return new ChangeReview(options);
}
/** Mounted in the frame after the shell paints (WideLayout), so its code is not the shell's. */
export const loadPreviewPane = once(() => import('./PreviewPane.svelte'));
/** Not an action's, but not the first paint's either: PreviewPane asks for it once that is done. */
export const loadConsolePanel = once(() => import('$lib/components/preview/ConsolePanel.svelte'));
export const loadProcessesPanel = once(
	() => import('$lib/components/processes/ProcessesPanel.svelte')
);
export const loadExportDialog = once(() => import('$lib/components/portable/ExportDialog.svelte'));

/**
 * Fetches, in idle time, the parts a click opens that the shell used to carry, and the preview
 * pane (on a narrow window it mounts only when its tab is chosen); returns a stop.
 */
export function prefetchIdleParts(): () => void {
	// A failed prefetch is forgotten (once() drops it); the click tries again and says why.
	return whenIdle(
		() => {
			void loadExportDialog().catch(() => {});
			void loadPreviewPane().catch(() => {});
		},
		{ timeoutMs: 5_000 }
	);
}
