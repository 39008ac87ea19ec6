/**
 * How long a share link may be, and what a person is told about its length.
 *
 * Where links stop working (public sources):
 * - Chromium refuses URLs over 2 MiB: `kMaxURLChars = 2 * 1024 * 1024` (url/url_constants.h); a
 *   longer URL is replaced by an empty, invalid one when it crosses processes.
 * - Firefox refuses URLs over 1 MiB: pref `network.standard-url.max-length` defaults to 1048576
 *   (modules/libpref/init/StaticPrefList.yaml); navigating to a longer one throws.
 * - WebKit (Safari) has no URL limit of its own below its string limit (about 2^31 characters).
 * So the browsers' floor is Firefox's 1 MiB: past it a link cannot open everywhere, whoever
 * carries it. That is the hard limit, with a margin for the origin and path in front.
 *
 * What chat apps keep (public sources):
 * - Microsoft Teams: about 28 KB per message, everything included (Teams limits and Power
 *   Automate / Logic Apps connector docs: "message size limit is about 28 KB").
 * - Slack: truncates message text over 40,000 characters (api.slack.com changelog
 *   2018-04-truncating-really-long-messages).
 * - Discord: 2,000 characters per message, 4,000 with Nitro (Discord API message limits).
 * - X: wraps every link in t.co and counts it as 23 characters; no public maximum found.
 * - WhatsApp: its Business API sends at most 4,096 characters per text message; personal
 *   messages take far more, but no official figure was found.
 * - Email: RFC 5322 caps a line at 998 characters; mail clients encode longer lines, so links
 *   survive in HTML mail, though plain-text readers may wrap them.
 * The soft limit is Teams' 28 KB, the smallest limit of the work chats (Slack, Teams): past it,
 * a pasted link is likely to arrive cut short, which the opening page detects and reports.
 */

/** Past this many characters a link no longer opens in Firefox (1 MiB), so none is made. */
export const LINK_HARD_LIMIT = 1_000_000;
/** Past this many characters Teams (about 28 KB a message) and Discord cut the link. */
export const LINK_SOFT_LIMIT = 28_000;
/** Up to this many characters the link fits in a Discord message, the shortest we know of. */
export const LINK_CHAT_SAFE = 2_000;

/** What a link of this length may do. */
export type LinkFit = 'anywhere' | 'most-chats' | 'too-long-for-chats' | 'too-long';

export function linkFit(chars: number): LinkFit {
	if (chars > LINK_HARD_LIMIT) return 'too-long';
	if (chars > LINK_SOFT_LIMIT) return 'too-long-for-chats';
	if (chars > LINK_CHAT_SAFE) return 'most-chats';
	return 'anywhere';
}

/** One sentence on where a link of this length works, for the Share dialog. */
export function describeLinkFit(chars: number): string {
	switch (linkFit(chars)) {
		case 'anywhere':
			return 'Short enough for any chat app or email.';
		case 'most-chats':
			return 'Fits in Slack, Teams and email, but is longer than a Discord message (2,000 characters).';
		case 'too-long-for-chats':
			return 'Chat apps may cut a link this long (Teams keeps about 28 KB a message, Slack 40,000 characters, Discord 2,000): send it by email or in a file, or export the project as a zip instead.';
		case 'too-long':
			return 'This project is too big for a link: browsers refuse links over about 1 MB (Firefox at 1 MB, Chrome at 2 MB). Export the project as a zip instead.';
	}
}

/** "12,345 characters (12.1 KB)": characters are what limits count; KB is what people know. */
export function formatLinkSize(chars: number): string {
	const kb = chars / 1024;
	const size = kb < 1024 ? `${kb.toFixed(1)} KB` : `${(kb / 1024).toFixed(2)} MB`;
	return `${chars.toLocaleString('en-US')} characters (${size})`;
}

/** What a decoded link may hold: caps enforced while inflating and reading it. */
export const DECODED_MAX_BYTES = 32 * 1024 * 1024;
export const DECODED_MAX_FILES = 5_000;
export const MAX_PATH_CHARS = 1_024;
