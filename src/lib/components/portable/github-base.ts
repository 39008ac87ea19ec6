/** The GitHub API address the Import dialog uses, remembered between visits ('' = github.com). */
import { getSetting, setSetting } from '$lib/storage';

const KEY = 'github.apiBase';

export async function loadGitHubBase(): Promise<string> {
	const stored = await getSetting<unknown>(KEY).catch(() => undefined);
	return typeof stored === 'string' ? stored : '';
}

export async function saveGitHubBase(base: string): Promise<void> {
	await setSetting(KEY, base.trim());
}
