/**
 * A chat session outside IndexedDB: a versioned JSON document that Kiln can read back (export,
 * import, share links), and a Markdown rendering for people. Documents arrive from zips and links,
 * so parsing treats them as hostile: every event is checked with the schema storage itself uses.
 */
import * as z from 'zod/mini';
import './zod-messages';
import type { SessionEvent } from '../agent';
import { sessionEventSchema } from '../storage';
import { messageOf } from '../errors';

export const SESSION_FORMAT = 'kiln-session';
export const SESSION_VERSION = 1;

export interface SessionDocument {
	readonly format: typeof SESSION_FORMAT;
	readonly version: typeof SESSION_VERSION;
	readonly title: string;
	readonly createdAt: number;
	/** Where the session ran (shown in the session list; never a key). */
	readonly provider?: string;
	readonly model?: string;
	readonly events: readonly SessionEvent[];
}

/** What a document is made from: a SessionMeta with its events fits. */
export interface SessionSource {
	readonly title: string;
	readonly createdAt: number;
	readonly provider?: string;
	readonly model?: string;
	readonly events: readonly SessionEvent[];
}

/** Thrown for input that is not a session document Kiln can read; the message is for people. */
export class SessionDocumentError extends Error {
	override name = 'SessionDocumentError';
}

export function toSessionDocument(source: SessionSource): SessionDocument {
	return {
		format: SESSION_FORMAT,
		version: SESSION_VERSION,
		title: source.title,
		createdAt: source.createdAt,
		...(source.provider === undefined ? {} : { provider: source.provider }),
		...(source.model === undefined ? {} : { model: source.model }),
		events: source.events
	};
}

export function sessionToJson(source: SessionSource): string {
	return JSON.stringify(toSessionDocument(source), null, 1);
}

const envelopeSchema = z.object({
	format: z.literal(SESSION_FORMAT),
	version: z.int(),
	title: z.string(),
	createdAt: z.number(),
	provider: z.optional(z.string()),
	model: z.optional(z.string()),
	events: z.array(z.unknown())
});

const NOT_A_SESSION = 'This is not a Kiln conversation';

/** Reads a document from its JSON text or from an already parsed value; throws SessionDocumentError. */
export function parseSessionDocument(input: string | unknown): SessionDocument {
	let value: unknown = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (error) {
			throw new SessionDocumentError(
				`${NOT_A_SESSION}: it is not valid JSON (${messageOf(error)}). ` +
					'Export the conversation again from Kiln.'
			);
		}
	}
	const format = (value as { format?: unknown } | null)?.format;
	if (typeof value !== 'object' || value === null || format !== SESSION_FORMAT) {
		throw new SessionDocumentError(
			`${NOT_A_SESSION}: it does not say format "${SESSION_FORMAT}". ` +
				'Choose a conversation exported from Kiln.'
		);
	}
	const version = (value as { version?: unknown }).version;
	if (typeof version === 'number' && version > SESSION_VERSION) {
		throw new SessionDocumentError(
			`This conversation was saved by a newer Kiln (format version ${version}; this one reads ` +
				`${SESSION_VERSION}). Update Kiln (reload the page) and try again.`
		);
	}
	const envelope = envelopeSchema.safeParse(value);
	if (!envelope.success || envelope.data.version !== SESSION_VERSION) {
		const issue = envelope.success ? 'unknown version' : describeIssue(envelope.error);
		throw new SessionDocumentError(
			`${NOT_A_SESSION} Kiln can read (${issue}). Export the conversation again from Kiln.`
		);
	}
	const events: SessionEvent[] = [];
	for (const [index, raw] of envelope.data.events.entries()) {
		const checked = sessionEventSchema.safeParse(raw);
		if (!checked.success) {
			throw new SessionDocumentError(
				`The conversation is damaged: event ${index + 1} of ${envelope.data.events.length} ` +
					`is not one Kiln understands (${describeIssue(checked.error)}). ` +
					'Export the conversation again from Kiln.'
			);
		}
		// The schema lets unknown fields through; keep the event as it was written.
		events.push(raw as SessionEvent);
	}
	const { title, createdAt, provider, model } = envelope.data;
	return toSessionDocument({ title, createdAt, provider, model, events });
}

function describeIssue(error: z.core.$ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'unreadable';
	const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
	return `${where}${issue.message}`;
}

// The Markdown rendering lives in its own file; re-exported so one module answers "a session as a document".
export { sessionToMarkdown } from './session-markdown';
