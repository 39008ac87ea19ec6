// The lint rule that keeps the layers one-way (eslint.config.js) must actually fire: each case
// lints a line of code as if it sat at a path in src/, with the repository's own config.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;

// The first lint loads the config and its plugins (typescript-eslint, svelte): seconds on a busy
// machine, so it happens here, with time for it, not inside the first case's 5 s.
beforeAll(async () => {
	eslint = new ESLint({ cwd: process.cwd() });
	await eslint.lintText('export const warm = 1;\n', { filePath: 'src/lib/runtime/warm.ts' });
}, 60_000);

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(`${code}\nexport const used = value;\n`, { filePath });
	return (result?.messages ?? [])
		.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
		.map((message) => message.message);
}

describe('layer rules', () => {
	it('refuses a runtime module that imports state', async () => {
		const errors = await restrictedImports(
			'src/lib/runtime/x.ts',
			"import { value } from '$lib/state';"
		);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toContain('runtime may import only errors');
	});

	it('refuses the same import written as a relative path, from any depth', async () => {
		expect(
			await restrictedImports(
				'src/lib/runtime/browser/x.ts',
				"import { value } from '../../state';"
			)
		).toHaveLength(1);
		expect(
			await restrictedImports('src/lib/tools/x.ts', "import { value } from '../components/chat';")
		).toHaveLength(1);
	});

	it('refuses components importing the agent, and storage importing the agent', async () => {
		expect(
			await restrictedImports('src/lib/components/chat/x.ts', "import { value } from '$lib/agent';")
		).toHaveLength(1);
		expect(
			await restrictedImports('src/lib/storage/x.ts', "import { value } from '../agent';")
		).toHaveLength(1);
	});

	it('refuses a file inside another layer instead of its index.ts', async () => {
		const errors = await restrictedImports(
			'src/lib/workspace/x.ts',
			"import { value } from '../runtime/paths';"
		);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toContain('index.ts');
	});

	it('allows a downward import through an index, and a subfolder with its own index', async () => {
		expect(
			await restrictedImports('src/lib/workspace/x.ts', "import { value } from '../runtime';")
		).toEqual([]);
		expect(
			await restrictedImports(
				'src/lib/state/chat/x.ts',
				"import { value } from '../../agent/permissions';"
			)
		).toEqual([]);
		expect(
			await restrictedImports('src/cli/x.ts', "import { value } from '../lib/runtime/node';")
		).toEqual([]);
	});

	it('allows share to use only types from the agent', async () => {
		expect(
			await restrictedImports('src/lib/share/x.ts', "import type { value } from '../agent';")
		).toEqual([]);
		expect(
			await restrictedImports('src/lib/share/x.ts', "import { value } from '../agent';")
		).toHaveLength(1);
	});
});
