import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readApiKeyOption } from '../../../src/cli/api-key-source';
import { useTempDirs } from './cli-process';

describe('--api-key-file', () => {
	const tempDir = useTempDirs();

	it('reads the key from a file, trimmed', async () => {
		const file = join(await tempDir(), 'key');
		await writeFile(file, '  sk-file-0123456789\n');
		expect(await readApiKeyOption(undefined, file)).toBe('sk-file-0123456789');
	});

	it("reads standard input for '-'", async () => {
		const stdin = Readable.from(['sk-stdin-', '0123456789\n']);
		expect(await readApiKeyOption(undefined, '-', stdin)).toBe('sk-stdin-0123456789');
	});

	it('passes --api-key through when no file is given', async () => {
		expect(await readApiKeyOption('sk-inline', undefined)).toBe('sk-inline');
		expect(await readApiKeyOption(undefined, undefined)).toBeUndefined();
	});

	it('refuses both at once, a missing file, an empty file and a file with more than the key', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 'empty'), '\n');
		await writeFile(join(dir, 'env'), 'ANTHROPIC_API_KEY=sk-1 OTHER=2\n');
		await expect(readApiKeyOption('sk-1', join(dir, 'empty'))).rejects.toThrow(/not both/);
		await expect(readApiKeyOption(undefined, join(dir, 'missing'))).rejects.toThrow(
			/could not be read/
		);
		await expect(readApiKeyOption(undefined, join(dir, 'empty'))).rejects.toThrow(/is empty/);
		const error = await readApiKeyOption(undefined, join(dir, 'env')).catch((e: Error) => e);
		expect(String(error)).toMatch(/more than one word/);
		// The message never repeats the file's content (it may be a key).
		expect(String(error)).not.toContain('sk-1');
	});
});
