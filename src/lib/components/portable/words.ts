/** How the import and export UI words sizes and reasons. */
import type { SkipReason } from '$lib/share';

const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / MB).toFixed(1)} MB`;
}

export const SKIP_WORDS: Record<SkipReason, string> = {
	junk: 'system junk (__MACOSX, .DS_Store…)',
	node_modules: 'installed packages (node_modules): run npm install instead',
	'.git': 'git history (.git)',
	link: 'a link or special file',
	'unsafe-name': 'a name with control characters',
	conversation: 'a Kiln conversation (restored as a chat instead)',
	exists: 'already in the project (kept as it was)',
	unsaved: 'open in the editor with unsaved changes (save or close it first)',
	'too-large': 'larger than one file may be'
};
