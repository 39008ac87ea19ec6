/**
 * The IDE's check of what a preview page sends. The page is the project's code, which may be
 * hostile or merely broken: anything not in the exact shape is dropped, text is bounded again
 * (a page need not run our bridge to post messages), and positions become project paths only
 * when they point inside the preview.
 */
import * as z from 'zod/mini';
import {
	LOG_STACK_MAX_CHARS,
	LOG_TEXT_MAX_CHARS,
	LOG_URL_MAX_CHARS,
	PREVIEW_LOG_TYPE,
	PREVIEW_REPLY_TYPE,
	type BridgeLogEntry
} from './bridge-protocol';
import { isInsidePreview, resolveFilePath } from './paths';

const text = (max: number) =>
	z.pipe(
		z.string(),
		z.transform((value: string) => value.slice(0, max))
	);
const position = z.optional(
	z.pipe(
		z.number(),
		z.transform((value: number) =>
			Number.isInteger(value) && value > 0 && value < 1e9 ? value : undefined
		)
	)
);

const entrySchema = z.object({
	kind: z.enum(['console', 'error', 'rejection', 'request-failed', 'navigation']),
	level: z.enum(['error', 'warn', 'info', 'log', 'debug']),
	text: text(LOG_TEXT_MAX_CHARS),
	stack: z.optional(text(LOG_STACK_MAX_CHARS)),
	sourceUrl: z.optional(text(LOG_URL_MAX_CHARS)),
	line: position,
	column: position,
	url: z.optional(text(LOG_URL_MAX_CHARS)),
	status: z.optional(
		z.pipe(
			z.number(),
			z.transform((value: number) =>
				Number.isInteger(value) && value >= 0 && value < 1000 ? value : 0
			)
		)
	)
});

const logSchema = z.object({ type: z.literal(PREVIEW_LOG_TYPE), entry: entrySchema });

/** The entry of a valid log message, bounded; null for anything else. */
export function parsePreviewLog(data: unknown): BridgeLogEntry | null {
	const parsed = logSchema.safeParse(data);
	if (!parsed.success) return null;
	const entry = parsed.data.entry;
	return Object.fromEntries(
		Object.entries(entry).filter(([, value]) => value !== undefined)
	) as unknown as BridgeLogEntry;
}

/** Longest answer accepted: a screenshot within the limits is far smaller. */
export const REPLY_MAX_CHARS = 8_000_000;

const replySchema = z.union([
	z.object({
		type: z.literal(PREVIEW_REPLY_TYPE),
		id: z.string(),
		ok: z.literal(true),
		value: z.string().check(z.maxLength(REPLY_MAX_CHARS))
	}),
	z.object({
		type: z.literal(PREVIEW_REPLY_TYPE),
		id: z.string(),
		ok: z.literal(false),
		error: text(LOG_TEXT_MAX_CHARS)
	})
]);

export type PreviewReply = { readonly id: string } & (
	{ readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string }
);

export function parsePreviewReply(data: unknown): PreviewReply | null {
	const parsed = replySchema.safeParse(data);
	if (!parsed.success) return null;
	const reply = parsed.data;
	return reply.ok
		? { id: reply.id, ok: true, value: reply.value }
		: { id: reply.id, ok: false, error: reply.error };
}

/**
 * The project-relative file a URL of the preview names, or null when it lies outside `root`
 * (another origin, the bridge's own scripts, a CDN). `root` is the preview's root URL: the static
 * preview's `/preview/<id>/` or a dev server's origin.
 */
export function projectPathOf(url: string, root: URL): string | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return null;
	}
	if (!isInsidePreview(parsed, root)) return null;
	if (parsed.pathname.startsWith('/__kiln/')) return null;
	const resolved = resolveFilePath(parsed.pathname.slice(root.pathname.length));
	return resolved.ok ? resolved.path : null;
}

const PNG_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A screenshot reply as base64 PNG with its size read from the PNG itself (IHDR), not from what
 * the page claims; null when it is not a PNG data: URL.
 */
export function parsePngDataUrl(
	value: string
): { data: string; width: number; height: number } | null {
	if (!value.startsWith(PNG_PREFIX)) return null;
	const data = value.slice(PNG_PREFIX.length);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data.slice(0, 64)) || data.length < 44) return null;
	let head: string;
	try {
		head = atob(data.slice(0, 44));
	} catch {
		return null;
	}
	const bytes = Array.from(head, (char) => char.charCodeAt(0));
	if (PNG_SIGNATURE.some((byte, index) => bytes[index] !== byte)) return null;
	if (head.slice(12, 16) !== 'IHDR') return null;
	const word = (at: number) =>
		((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
	const width = word(16);
	const height = word(20);
	if (width === 0 || height === 0) return null;
	return { data, width, height };
}
