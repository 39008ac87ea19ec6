/**
 * What a share link holds, before compression: a 4-byte header length, a JSON header (name,
 * template, file paths and sizes, empty folders, conversation size), then every file's bytes and
 * the conversation's, back to back. Binary, so images and other non-text files cost their size
 * rather than a third more as base64 inside JSON, and one deflate stream across all files
 * compresses repeated text between them.
 */
import * as z from 'zod/mini';
import './zod-messages';
import { DECODED_MAX_FILES } from './share-link-limits';
import { corrupted, tooLarge } from './share-link-errors';
import { checkSharedPaths } from './share-link-paths';

/** A project as a link carries it: never keys or settings, only files and, if asked, a chat. */
export interface SharedProject {
	readonly name: string;
	/** The template it was made from, so the new project says the same. */
	readonly template?: string;
	/** path → bytes, byte for byte as in the workspace. */
	readonly files: Readonly<Record<string, Uint8Array>>;
	/** Folders that hold no file but are part of the project. */
	readonly dirs: readonly string[];
	/** The conversation as a session document's JSON text. */
	readonly conversation?: string;
}

const headerSchema = z.object({
	name: z.string().check(z.maxLength(500)),
	template: z.optional(z.string().check(z.maxLength(100))),
	files: z.array(z.tuple([z.string(), z.int().check(z.nonnegative())])),
	dirs: z.array(z.string()),
	conversation: z.optional(z.int().check(z.nonnegative()))
});

const encoder = new TextEncoder();

export function packProject(project: SharedProject): Uint8Array {
	const entries = Object.entries(project.files);
	const conversation =
		project.conversation === undefined ? undefined : encoder.encode(project.conversation);
	const header = encoder.encode(
		JSON.stringify({
			name: project.name,
			template: project.template,
			files: entries.map(([path, bytes]) => [path, bytes.length]),
			dirs: project.dirs,
			conversation: conversation?.length
		})
	);
	let total = 4 + header.length + (conversation?.length ?? 0);
	for (const [, bytes] of entries) total += bytes.length;
	const out = new Uint8Array(total);
	new DataView(out.buffer).setUint32(0, header.length);
	out.set(header, 4);
	let at = 4 + header.length;
	for (const [, bytes] of entries) {
		out.set(bytes, at);
		at += bytes.length;
	}
	if (conversation) out.set(conversation, at);
	return out;
}

/** Reads what packProject wrote; anything else is refused with a ShareLinkError. */
export function unpackProject(data: Uint8Array): SharedProject {
	if (data.length < 4) throw corrupted('it holds no project');
	const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
	if (headerLength > data.length - 4) throw corrupted('its list of files is cut short');
	let json: unknown;
	try {
		json = JSON.parse(
			new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(4, 4 + headerLength))
		);
	} catch {
		throw corrupted('its list of files is unreadable');
	}
	const parsed = headerSchema.safeParse(json);
	if (!parsed.success) throw corrupted('its list of files is not in the expected form');
	const header = parsed.data;
	if (header.files.length + header.dirs.length > DECODED_MAX_FILES) {
		throw tooLarge(
			`it holds ${header.files.length + header.dirs.length} files and folders, more than the ${DECODED_MAX_FILES} a link may hold`
		);
	}
	checkSharedPaths(
		header.files.map(([path]) => path),
		header.dirs
	);
	let expected = 4 + headerLength + (header.conversation ?? 0);
	for (const [, size] of header.files) expected += size;
	if (expected !== data.length) throw corrupted('its files do not add up to its contents');
	let at = 4 + headerLength;
	const files: [string, Uint8Array][] = header.files.map(([path, size]) => {
		const bytes = data.slice(at, at + size);
		at += size;
		return [path, bytes];
	});
	let conversation: string | undefined;
	if (header.conversation !== undefined) {
		try {
			conversation = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(at));
		} catch {
			throw corrupted('its conversation is unreadable');
		}
	}
	return {
		name: header.name,
		template: header.template,
		// fromEntries defines own properties, so a file named "__proto__" stays a file.
		files: Object.fromEntries(files),
		dirs: header.dirs,
		conversation
	};
}
