/**
 * What a record read back from IndexedDB must look like before the app may use it. Storage is
 * outside the app's control (another version of Kiln, a browser bug, an extension, a person in
 * DevTools), so every read is checked here and a record that fails is set aside (quarantine.ts)
 * rather than allowed to break the list or the project it belongs to.
 *
 * Schemas check the fields the app relies on and let unknown extra fields through; `checkRecord`
 * hands back the stored value itself, so nothing is dropped when a record is written back.
 */
import * as z from 'zod/mini';
import { normalizePath } from '../runtime';
import { builtOnce, lazySchema } from './lazy-schema';
import './zod-messages';

export const projectMetaSchema = lazySchema(() =>
	z.looseObject({
		id: z.string().check(z.minLength(1)),
		name: z.string(),
		template: z.string(),
		createdAt: z.number(),
		updatedAt: z.number(),
		// Schema 2: absent on records a migration has not reached yet, so optional.
		openedAt: z.optional(z.number()),
		bytes: z.optional(z.number().check(z.nonnegative()))
	})
);

/** Bytes, accepted from any realm (fake-indexeddb and jsdom tests clone across realms). */
const bytes = builtOnce(() =>
	z.custom<Uint8Array>(
		(value) => Object.prototype.toString.call(value) === '[object Uint8Array]',
		'expected text or bytes'
	)
);

export const storedEntrySchema = lazySchema(() =>
	z.union(
		[
			z.looseObject({ dir: z.literal(true), mtimeMs: z.number() }),
			z.looseObject({
				data: z.union([z.string(), bytes()]),
				mtimeMs: z.number(),
				dir: z.optional(z.undefined())
			})
		],
		{ error: 'expected a file {data: text or bytes, mtimeMs} or a folder {dir: true, mtimeMs}' }
	)
);

/** A file key: [projectId, path], the path as storage writes it (normalised, never `..`). */
export const fileKeySchema = lazySchema(() =>
	z.tuple([z.string(), z.string().check(z.refine(isStoredPath, 'not a normalised project path'))])
);

/**
 * The common file record checked without zod, which costs ~10 µs a record when warm and far more
 * on a page's first project (2,000 files: 20–200 ms). True only for records both schemas above
 * accept (a subset, never more); false sends the record to them, to be accepted or explained.
 */
export function isWellFormedFileRecord(key: unknown, value: unknown): boolean {
	if (!Array.isArray(key) || key.length !== 2) return false;
	const [projectId, path] = key as unknown[];
	if (typeof projectId !== 'string' || typeof path !== 'string' || !isStoredPath(path))
		return false;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const { data, dir, mtimeMs } = value as { data?: unknown; dir?: unknown; mtimeMs?: unknown };
	if (typeof mtimeMs !== 'number' || !Number.isFinite(mtimeMs)) return false;
	if (dir === true) return true;
	if (dir !== undefined) return false;
	return typeof data === 'string' || Object.prototype.toString.call(data) === '[object Uint8Array]';
}

export const sessionMetaSchema = lazySchema(() =>
	z.looseObject({
		id: z.string().check(z.minLength(1)),
		projectId: z.string(),
		title: z.string(),
		provider: z.string(),
		model: z.string(),
		createdAt: z.number(),
		updatedAt: z.number()
	})
);

/** An event key: [sessionId, seq]. */
export const eventKeySchema = lazySchema(() =>
	z.tuple([z.string(), z.int().check(z.nonnegative())])
);

export const checkpointMetaSchema = lazySchema(() =>
	z.looseObject({
		id: z.string().check(z.minLength(1)),
		projectId: z.string().check(z.minLength(1)),
		sessionId: z.nullable(z.string()),
		reason: z.enum(['turn-start', 'turn-end', 'before-rewind']),
		turnIndex: z.optional(z.int().check(z.nonnegative())),
		createdAt: z.number(),
		fileCount: z.int().check(z.nonnegative()),
		totalBytes: z.number().check(z.nonnegative()),
		newBytes: z.number().check(z.nonnegative()),
		skipped: z.array(
			z.looseObject({
				path: z.string(),
				reason: z.enum(['node_modules', 'ignored', 'too-large'])
			})
		)
	})
);

const manifestFilesSchema = builtOnce(() =>
	z.record(
		z.string().check(z.refine(isStoredPath, 'not a normalised project path')),
		z.looseObject({
			hash: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest')),
			size: z.number().check(z.nonnegative()),
			mtimeMs: z.number()
		})
	)
);

/** The fields both manifest schemas check (zod's schemas never change, so they can share them). */
const manifestFields = builtOnce(() => ({
	projectId: z.string().check(z.minLength(1)),
	parent: z.nullable(z.string().check(z.minLength(1))),
	removed: z.optional(z.array(z.string())),
	dirs: z.array(z.string())
}));

/** A manifest's whole check: checkManifest (checkpoint-records.ts) makes it in time slices. */
export const checkpointManifestSchema = lazySchema(() =>
	z.looseObject({ ...manifestFields(), files: manifestFilesSchema() })
);

/**
 * A manifest's `files` as an object, its entries not walked: checkManifestEntry checks them one at
 * a time. zod's record check of 2,000 unknown entries (copying each) was ~25 ms of a 90 ms task
 * at 4x CPU as a turn's checkpoint read the last manifest back (profiled).
 */
const manifestFilesObject = builtOnce(() =>
	z.custom<Record<string, unknown>>(
		(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
		'Invalid input: expected record'
	)
);

/** A manifest with its entries left unchecked: checkManifestEntry checks them one at a time. */
export const checkpointManifestShapeSchema = lazySchema(() =>
	z.looseObject({ ...manifestFields(), files: manifestFilesObject() })
);

/**
 * One entry of a manifest's `files`, checked as checkpointManifestSchema checks it and failing
 * with the same reason: a 2,000-file manifest checked whole was a task of 70–110 ms at 4x CPU.
 */
export function checkManifestEntry(path: string, entry: unknown): CheckResult<unknown> {
	// A computed key is an own property, even "__proto__".
	const checked = checkRecord(manifestFilesSchema(), { [path]: entry });
	return checked.ok ? checked : { ok: false, reason: `files.${checked.reason}` };
}

export const checkpointBlobSchema = lazySchema(() =>
	z.looseObject({ data: z.union([z.string(), bytes()]) })
);

export const schemaVersionSchema = lazySchema(() => z.int().check(z.nonnegative()));

export type CheckResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Any zod schema: storage's own are zod/mini (light at load), callers may pass either kind. */
export type RecordSchema = z.core.$ZodType;

/** The stored value typed as T when it passes `schema`, else the first problem in words. */
export function checkRecord<T>(schema: RecordSchema, value: unknown): CheckResult<T> {
	const result = z.safeParse(schema, value);
	if (result.success) return { ok: true, value: value as T };
	return { ok: false, reason: describeIssue(result.error) };
}

function describeIssue(error: z.core.$ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'unreadable record';
	const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
	return `${where}${issue.message}`;
}

function isStoredPath(path: string): boolean {
	try {
		return path !== '' && normalizePath(path) === path;
	} catch {
		return false;
	}
}
