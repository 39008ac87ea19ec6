/**
 * What moving a project onto WebContainer takes (the support check, the reachability probe, the
 * boot, the dev servers' preview bridge), loaded only when a page tries it: a page that stays on
 * the offline runtime (no isolation, no network, ?runtime=browser) needs none of it, and in the
 * IDE's shell it cost about 3 KB gzip of the 150 KB budget.
 */
import type { Runtime } from '$lib/runtime';

export {
	bootWithAdapter,
	probeWebContainerHost,
	webContainerSupport
} from '$lib/runtime/webcontainer';
export { installServerBridge } from './preview-console';

/**
 * One container serves the whole page: a project opened earlier in this tab left its files
 * there, which commands and the agent would otherwise see as this project's.
 */
export async function clearProjectFolder(runtime: Runtime): Promise<void> {
	for (const entry of await runtime.fs.readdir('')) {
		await runtime.fs.rm(entry.name, { recursive: true, force: true });
	}
}
