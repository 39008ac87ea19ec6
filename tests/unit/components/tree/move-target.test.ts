import { describe, expect, it } from 'vitest';
import { checkMoveInto, checkMovePath } from '$lib/components/tree';

const files = new Set(['src/app.ts', 'src/util/x.ts', 'lib/app.ts', 'README.md']);
const dirs = new Set(['src', 'src/util', 'lib']);
const project = (from: string) => ({
	from,
	exists: (path: string) => files.has(path) || dirs.has(path),
	isDirectory: (path: string) => dirs.has(path)
});

describe('checkMovePath (a path typed into the rename field)', () => {
	it('takes a path from the top folder, new folders included', () => {
		expect(checkMovePath(' web/app.ts ', project('src/app.ts'))).toEqual({
			ok: true,
			path: 'web/app.ts'
		});
		expect(checkMovePath('a/b/c.ts', project('src/app.ts'))).toEqual({
			ok: true,
			path: 'a/b/c.ts'
		});
		expect(checkMovePath('docs/', project('README.md'))).toEqual({
			ok: true,
			path: 'docs/README.md'
		});
	});

	it('refuses a name that is taken, and says nothing moved', () => {
		const check = checkMovePath('lib/app.ts', project('src/app.ts'));
		expect(check).toEqual({
			ok: false,
			error: 'lib/app.ts already exists. Rename or move one of them first; nothing was moved.'
		});
		expect(checkMovePath('lib/', project('src/app.ts'))).toMatchObject({ ok: false });
	});

	it('refuses paths that leave the project', () => {
		for (const path of ['../app.ts', 'src/../../app.ts', 'a/../b.ts']) {
			const check = checkMovePath(path, project('src/app.ts'));
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.error).toMatch(/cannot go up/);
		}
		for (const path of ['/etc/app.ts', '/lib/app.ts', 'C:/app.ts', '~/app.ts']) {
			const check = checkMovePath(path, project('src/app.ts'));
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.error).toMatch(/absolute path/);
		}
	});

	it('refuses empty parts, backslashes, bad names and a file used as a folder', () => {
		expect(checkMovePath('a//b.ts', project('src/app.ts'))).toMatchObject({ ok: false });
		expect(checkMovePath('./b.ts', project('src/app.ts'))).toMatchObject({ ok: false });
		expect(checkMovePath('a\\b.ts', project('src/app.ts'))).toMatchObject({ ok: false });
		expect(checkMovePath('a/b\u0007.ts', project('src/app.ts'))).toMatchObject({ ok: false });
		expect(checkMovePath('README.md/app.ts', project('src/app.ts'))).toEqual({
			ok: false,
			error: 'README.md is a file, not a folder. Choose another path.'
		});
	});

	it('refuses moving a folder into itself, and reports no move for the same path', () => {
		expect(checkMovePath('src/util/src', project('src'))).toMatchObject({ ok: false });
		expect(checkMovePath('src/app.ts', project('src/app.ts'))).toEqual({
			ok: true,
			path: 'src/app.ts'
		});
	});
});

describe('checkMoveInto (a row dropped on a folder)', () => {
	it('keeps the name in the new folder', () => {
		expect(checkMoveInto('src/util', project('README.md'))).toEqual({
			ok: true,
			path: 'src/util/README.md'
		});
		expect(checkMoveInto('', project('src/util/x.ts'))).toEqual({ ok: true, path: 'x.ts' });
	});

	it('refuses clashes and moves into itself', () => {
		expect(checkMoveInto('lib', project('src/app.ts'))).toMatchObject({ ok: false });
		expect(checkMoveInto('src/util', project('src'))).toMatchObject({ ok: false });
	});
});
