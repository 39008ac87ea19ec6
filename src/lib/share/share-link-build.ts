/**
 * The sending side: the open project's files (and, if asked, its conversation) into a link, with
 * what a person needs to know about it: its length, where it works, and what was left out.
 */
import { encodeShareFragment } from './share-link-codec';
import { collectShareFiles, describeLeftOut, type ShareSource } from './share-link-collect';
import { ShareLinkError } from './share-link-errors';
import { linkFit, LINK_HARD_LIMIT, type LinkFit } from './share-link-limits';
import { shareUrl } from './share-link';
import { sessionToJson } from './session-document';
import { loadSessionSource } from './session-export';

export interface BuildShareLinkInput {
	readonly source: ShareSource;
	readonly name: string;
	readonly template?: string;
	/** The chat to include, or null to leave it out. */
	readonly sessionId: string | null;
	/** The page that opens links on this host: origin + base path + /open. */
	readonly openPage: string | URL;
}

export interface BuiltShareLink {
	/** Empty when the link would be too long to open anywhere. */
	readonly url: string;
	/** The link's length in characters (also when too long to offer). */
	readonly chars: number;
	readonly fit: LinkFit;
	/** What was left out, in a sentence, or null. */
	readonly leftOut: string | null;
	/** Set when the project is beyond what any link can carry, before measuring a link. */
	readonly problem?: string;
}

export async function buildShareLink(input: BuildShareLinkInput): Promise<BuiltShareLink> {
	const collected = await collectShareFiles(input.source);
	const leftOut = describeLeftOut(collected);
	const conversation = input.sessionId ? await loadConversation(input.sessionId) : undefined;
	let fragment: string;
	try {
		fragment = await encodeShareFragment({
			name: input.name,
			template: input.template,
			files: collected.files,
			dirs: collected.dirs,
			conversation
		});
	} catch (error) {
		if (!(error instanceof ShareLinkError)) throw error;
		return { url: '', chars: Infinity, fit: 'too-long', leftOut, problem: error.message };
	}
	const url = shareUrl(input.openPage, fragment);
	const fit = linkFit(url.length);
	return { url: url.length > LINK_HARD_LIMIT ? '' : url, chars: url.length, fit, leftOut };
}

async function loadConversation(sessionId: string): Promise<string | undefined> {
	const source = await loadSessionSource(sessionId);
	return source && sessionToJson(source);
}
