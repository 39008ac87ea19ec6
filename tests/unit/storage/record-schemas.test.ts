import { describe, expect, it } from 'vitest';
import {
	checkManifestEntry,
	checkpointManifestSchema,
	checkpointManifestShapeSchema,
	checkRecord,
	fileKeySchema,
	isWellFormedFileRecord,
	projectMetaSchema,
	storedEntrySchema
} from '../../../src/lib/storage/record-schemas';

const zodAccepts = (key: unknown, value: unknown) =>
	checkRecord(fileKeySchema, key).ok && checkRecord(storedEntrySchema, value).ok;

const goodKey = ['p1', 'src/a.ts'];
const keys: unknown[] = [
	goodKey,
	['p1', 'deep/er/b.png'],
	['p1', ''],
	['p1', '../escape'],
	['p1', '/abs'],
	['p1', 'a//b'],
	['p1', 'a/./b'],
	['p1', 'a/'],
	['p1', 7],
	[7, 'a'],
	['p1', 'a', 'extra'],
	['p1'],
	'p1/a',
	null,
	{ 0: 'p1', 1: 'a', length: 2 }
];
const values: unknown[] = [
	{ data: 'text', mtimeMs: 1 },
	{ data: new Uint8Array([1, 2]), mtimeMs: 0 },
	{ data: '', mtimeMs: -5, extra: 'kept' },
	{ data: 'x', mtimeMs: 1, dir: undefined },
	{ dir: true, mtimeMs: 2 },
	{ dir: true, mtimeMs: 2, data: 'ignored' },
	{ dir: false, mtimeMs: 2, data: 'x' },
	{ dir: 'yes', mtimeMs: 2 },
	{ data: 'x', mtimeMs: Number.NaN },
	{ data: 'x', mtimeMs: Number.POSITIVE_INFINITY },
	{ data: 'x', mtimeMs: '1' },
	{ data: 'x' },
	{ data: 5, mtimeMs: 1 },
	{ data: new Uint16Array([1]), mtimeMs: 1 },
	{ data: new ArrayBuffer(2), mtimeMs: 1 },
	{ data: [1, 2], mtimeMs: 1 },
	{ data: null, mtimeMs: 1 },
	{ mtimeMs: 1 },
	[{ data: 'x', mtimeMs: 1 }],
	Object.assign([], { data: 'x', mtimeMs: 1 }),
	'text',
	null,
	undefined
];

describe('isWellFormedFileRecord (the check before zod when a project is restored)', () => {
	it('accepts no record that the schemas refuse', () => {
		for (const key of keys) {
			for (const value of values) {
				if (isWellFormedFileRecord(key, value)) {
					expect({ key, value, zod: zodAccepts(key, value) }).toEqual({ key, value, zod: true });
				}
			}
		}
	});

	it('takes the records storage writes without asking zod', () => {
		expect(isWellFormedFileRecord(goodKey, { data: 'text', mtimeMs: 1 })).toBe(true);
		expect(isWellFormedFileRecord(goodKey, { data: new Uint8Array([1]), mtimeMs: 1 })).toBe(true);
		expect(isWellFormedFileRecord(['p1', 'src'], { dir: true, mtimeMs: 1 })).toBe(true);
		expect(isWellFormedFileRecord(goodKey, { data: 'x', mtimeMs: 1, extra: 1 })).toBe(true);
	});

	it('sends hostile keys and values on to zod', () => {
		expect(isWellFormedFileRecord(['p1', '../escape'], { data: 'x', mtimeMs: 1 })).toBe(false);
		expect(isWellFormedFileRecord(goodKey, { data: 5, mtimeMs: 1 })).toBe(false);
		expect(isWellFormedFileRecord(goodKey, { data: 'x', mtimeMs: Number.NaN })).toBe(false);
		expect(isWellFormedFileRecord(goodKey, { dir: false, mtimeMs: 1, data: 'x' })).toBe(false);
	});
});

describe('checkRecord', () => {
	// The schemas are zod/mini, which has no messages of its own: the reason a record is set aside
	// must still say what was wrong, not zod/mini's bare "Invalid input".
	it('says in words which field is wrong and how', () => {
		const checked = checkRecord(projectMetaSchema, {
			id: 'p1',
			name: 7,
			template: 'blank',
			createdAt: 1,
			updatedAt: 1
		});
		expect(checked).toEqual({
			ok: false,
			reason: 'name: Invalid input: expected string, received number'
		});
	});

	it('gives the schema’s own message for a failed refinement', () => {
		const checked = checkRecord(fileKeySchema, ['p1', 'a/../b']);
		expect(checked).toEqual({ ok: false, reason: '1: not a normalised project path' });
	});
});

describe("a checkpoint manifest's entries, checked one at a time", () => {
	const hash = 'a'.repeat(64);
	const entries: [string, unknown][] = [
		['src/a.ts', { hash, size: 3, mtimeMs: 1 }],
		['src/b.ts', { hash, size: 0, mtimeMs: -1, extra: 'kept' }],
		['a/../b', { hash, size: 3, mtimeMs: 1 }],
		['', { hash, size: 3, mtimeMs: 1 }],
		['/abs', { hash, size: 3, mtimeMs: 1 }],
		['__proto__', { hash, size: 3, mtimeMs: 1 }],
		['src/c.ts', { hash: 'not-hex', size: 3, mtimeMs: 1 }],
		['src/c.ts', { hash, size: -1, mtimeMs: 1 }],
		['src/c.ts', { hash, size: 3 }],
		['src/c.ts', 'not an entry'],
		['src/c.ts', null]
	];
	const manifest = (path: string, entry: unknown) => ({
		projectId: 'p1',
		parent: null,
		dirs: [],
		files: Object.defineProperty({}, path, { value: entry, enumerable: true })
	});

	it('accepts and refuses what the whole manifest’s check does, with the same reason', () => {
		for (const [path, entry] of entries) {
			const whole = checkRecord(checkpointManifestSchema, manifest(path, entry));
			const one = checkManifestEntry(path, entry);
			expect(one.ok, `${path}: ${JSON.stringify(entry)}`).toBe(whole.ok);
			if (!whole.ok && !one.ok) expect(one.reason).toBe(whole.reason);
		}
		// Both outcomes are among the cases.
		expect(entries.map(([path, entry]) => checkManifestEntry(path, entry).ok)).toEqual(
			expect.arrayContaining([true, false])
		);
	});

	it('leaves the entries to that check: the rest of the manifest is checked whole', () => {
		const bad = { ...manifest('src/a.ts', 'not an entry') };
		expect(checkRecord(checkpointManifestShapeSchema, bad).ok).toBe(true);
		expect(checkRecord(checkpointManifestShapeSchema, { ...bad, parent: 7 })).toEqual({
			ok: false,
			reason: 'parent: Invalid input: expected string, received number'
		});
	});

	it("refuses `files` that is not an object without walking a good one's entries", () => {
		for (const files of ['x', [], null, 3]) {
			const checked = checkRecord(checkpointManifestShapeSchema, { ...manifest('a', {}), files });
			expect(checked).toEqual({ ok: false, reason: 'files: Invalid input: expected record' });
		}
		// 2,000 entries walked here were most of a long task: checkManifestEntry takes them in turn.
		let walked = 0;
		const files = new Proxy(manifest('src/a.ts', 'not an entry').files, {
			ownKeys: (target) => (walked++, Reflect.ownKeys(target))
		});
		expect(checkRecord(checkpointManifestShapeSchema, { ...manifest('a', {}), files }).ok).toBe(
			true
		);
		expect(walked).toBe(0);
	});
});
