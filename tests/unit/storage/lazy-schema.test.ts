/**
 * Storage's schemas are built on their first check, not when the page loads their modules
 * (lazy-schema.ts): building them all at load was most of a 50–80 ms task when a project opened.
 */
import * as z from 'zod/mini';
import { describe, expect, it, vi } from 'vitest';
import { builtOnce, lazySchema } from '../../../src/lib/storage/lazy-schema';
import { checkRecord, projectMetaSchema } from '../../../src/lib/storage/record-schemas';
import { sessionEventSchema } from '../../../src/lib/storage/event-schema';

describe('lazy storage schemas', () => {
	it('builds a schema on its first check, once, however many checks follow', () => {
		const build = vi.fn(() => z.looseObject({ name: z.string() }));
		const schema = lazySchema(build);
		expect(build).not.toHaveBeenCalled();
		expect(z.safeParse(schema, { name: 'a' }).success).toBe(true);
		expect(z.safeParse(schema, { name: 1 }).success).toBe(false);
		expect(z.safeParse(schema, { name: 'b', extra: true }).success).toBe(true);
		expect(build).toHaveBeenCalledTimes(1);
	});

	it('shares a part between schemas as one object', () => {
		const build = vi.fn(() => z.string());
		const part = builtOnce(build);
		expect(part()).toBe(part());
		expect(build).toHaveBeenCalledTimes(1);
	});

	it("storage's own schemas still accept, refuse and explain through checkRecord", () => {
		const record = { id: '', name: 'x', template: 't', createdAt: 1, updatedAt: 1 };
		expect(checkRecord(projectMetaSchema, { ...record, id: 'p1' })).toMatchObject({ ok: true });
		expect(checkRecord(projectMetaSchema, record)).toEqual({
			ok: false,
			reason: expect.stringMatching(/^id: /)
		});
		expect(checkRecord(sessionEventSchema, { type: 'mode-change', at: 1, mode: 'plan' })).toEqual({
			ok: true,
			value: { type: 'mode-change', at: 1, mode: 'plan' }
		});
		expect(
			checkRecord(sessionEventSchema, { type: 'mode-change', at: 'soon', mode: 'plan' })
		).toMatchObject({ ok: false, reason: expect.stringMatching(/^at: /) });
	});
});
