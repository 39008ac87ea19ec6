/** The GitHub API address the Import dialog uses, remembered between visits. */
import { getSetting, setSetting } from '$lib/storage';
import { GITHUB_API } from '$lib/share';

const KEY = 'github.apiBase';

export async function loadGitHubBase(): Promise<string> {
	const stored = await getSetting<unknown>(KEY).catch(() => undefined);
	return typeof stored === 'string' && stored.trim() ? stored : GITHUB_API;
}

export async function saveGitHubBase(base: string): Promise<void> {
	await setSetting(KEY, base.trim() || GITHUB_API);
}
