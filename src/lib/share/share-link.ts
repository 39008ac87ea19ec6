/**
 * Share links as the app and the benchmark use them: a project in, a link out, and back.
 */
import { encodeShareFragment } from './share-link-codec';
import type { SharedProject } from './share-link-container';
import type { SessionDocument } from './session-document';

/** The route that opens share links, below the app's base path. */
export const SHARE_ROUTE = '/open';

/** The link for a fragment, on the page whose address is `openPage` (origin + base + /open). */
export function shareUrl(openPage: string | URL, fragment: string): string {
	const url = new URL(openPage);
	url.hash = '';
	return `${url.href}#${fragment}`;
}

export interface ShareLinkOptions {
	name?: string;
	template?: string;
	dirs?: readonly string[];
	/** Where the link opens; the benchmark's default stands for a short deployed host. */
	openPage?: string | URL;
}

const NOMINAL_OPEN_PAGE = 'https://kiln.example/open';

const encoder = new TextEncoder();

/**
 * A share link for files (text or bytes) and, optionally, a conversation (a session document,
 * or its JSON text).
 */
export async function shareLinkFor(
	files: Readonly<Record<string, string | Uint8Array>>,
	conversation?: SessionDocument | string,
	options: ShareLinkOptions = {}
): Promise<string> {
	const project: SharedProject = {
		name: options.name ?? 'Shared project',
		template: options.template,
		files: Object.fromEntries(
			Object.entries(files).map(([path, data]) => [
				path,
				typeof data === 'string' ? encoder.encode(data) : data
			])
		),
		dirs: [...(options.dirs ?? [])],
		conversation:
			conversation === undefined
				? undefined
				: typeof conversation === 'string'
					? conversation
					: JSON.stringify(conversation)
	};
	const fragment = await encodeShareFragment(project);
	return shareUrl(options.openPage ?? NOMINAL_OPEN_PAGE, fragment);
}

/** The length in characters of that link: what browsers and chat apps count. */
export async function shareLinkSize(
	files: Readonly<Record<string, string | Uint8Array>>,
	conversation?: SessionDocument | string,
	options: ShareLinkOptions = {}
): Promise<number> {
	return (await shareLinkFor(files, conversation, options)).length;
}
