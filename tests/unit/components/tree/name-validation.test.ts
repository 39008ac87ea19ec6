import { describe, expect, it } from 'vitest';
import { validateName } from '$lib/components/tree';

const siblings = ['main.ts', 'lib'];

describe('validateName', () => {
	it('accepts a new name and trims surrounding spaces', () => {
		expect(validateName('  app.ts ', { siblings })).toEqual({ ok: true, name: 'app.ts' });
		expect(validateName('.env', { siblings })).toEqual({ ok: true, name: '.env' });
	});

	it('refuses an empty name', () => {
		expect(validateName('   ', { siblings })).toEqual({
			ok: false,
			error: 'Type a name, then press Enter.'
		});
	});

	it('refuses a name that exists in the folder', () => {
		expect(validateName('main.ts', { siblings })).toEqual({
			ok: false,
			error: '"main.ts" already exists here. Choose another name.'
		});
		expect(validateName('lib', { siblings })).toMatchObject({ ok: false });
	});

	it('lets a rename keep its own name', () => {
		expect(validateName('main.ts', { siblings, current: 'main.ts' })).toEqual({
			ok: true,
			name: 'main.ts'
		});
		expect(validateName('lib', { siblings, current: 'main.ts' })).toMatchObject({ ok: false });
	});

	it.each(['a/b.ts', 'a\\b', '..', '.', 'bad\u0000name', 'tab\tname', 'x'.repeat(256)])(
		'refuses %j with advice',
		(name) => {
			const check = validateName(name, { siblings });
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.error).toMatch(/\.$/);
		}
	);

	it('explains slashes', () => {
		expect(validateName('a/b.ts', { siblings })).toMatchObject({
			error: expect.stringContaining('Create the folder first')
		});
	});
});
