import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { crossOriginIsolation } from '../../../tooling/isolation-headers';

/** A real Vite dev server and preview server with only our plugin, over a tiny site. */
describe('crossOriginIsolation plugin', () => {
	let root: string;
	let dev: ViteDevServer;
	let previewServer: PreviewServer;

	beforeAll(async () => {
		root = await mkdtemp(join(tmpdir(), 'kiln-headers-'));
		await writeFile(join(root, 'index.html'), '<script type="module" src="/main.js"></script>');
		await writeFile(join(root, 'main.js'), 'new Worker(new URL("./worker.js", import.meta.url));');
		await writeFile(join(root, 'worker.js'), 'self.onmessage = () => {};');
		await mkdir(join(root, 'dist'));
		await writeFile(join(root, 'dist', 'index.html'), '<p>built</p>');
		const common = {
			configFile: false as const,
			root,
			logLevel: 'silent' as const,
			plugins: [crossOriginIsolation()]
		};
		dev = await createServer({ ...common, server: { port: 0, host: '127.0.0.1' } });
		await dev.listen();
		previewServer = await preview({ ...common, preview: { port: 0, host: '127.0.0.1' } });
	});

	afterAll(async () => {
		await dev?.close();
		await previewServer?.close();
		await rm(root, { recursive: true, force: true });
	});

	const urlOf = (server: ViteDevServer | PreviewServer, path: string) =>
		new URL(path, server.resolvedUrls!.local[0]).toString();

	it.each(['/', '/main.js', '/worker.js', '/@vite/client', '/no-such-file.js'])(
		'dev server: %s is isolated',
		async (path) => {
			const response = await fetch(urlOf(dev, path));
			expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
			expect(response.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
		}
	);

	it.each(['/', '/index.html', '/missing.js'])('preview server: %s is isolated', async (path) => {
		const response = await fetch(urlOf(previewServer, path));
		expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(response.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
	});
});
