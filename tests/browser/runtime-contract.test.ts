import { expect, it } from 'vitest';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import { describeRuntimeContract } from '../contract/runtime-contract';

describeRuntimeContract('browser (in Chromium)', async () => ({
	runtime: await createBrowserRuntime()
}));

it('runs gzip in the page, where Buffer and node:zlib are provided for just-bash', async () => {
	const runtime = await createBrowserRuntime({ files: { 'z.txt': 'zip me' } });
	try {
		const result = await runtime.exec('gzip z.txt && gunzip -c z.txt.gz');
		expect(result.output).toBe('zip me');
		expect(result.exitCode).toBe(0);
	} finally {
		await runtime.dispose();
	}
});
