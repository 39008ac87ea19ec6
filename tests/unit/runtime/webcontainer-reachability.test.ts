import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeWebContainerHost } from '../../../src/lib/runtime/webcontainer';

describe('probeWebContainerHost', () => {
	let server: Server | undefined;
	afterEach(
		() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
	);

	async function listen(handler: Parameters<typeof createServer>[1]) {
		server = createServer(handler);
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(server.address() as AddressInfo).port}/headless`;
	}

	it('reports a host that answers as reachable', async () => {
		const url = await listen((_req, res) => res.end('ok'));
		expect(await probeWebContainerHost({ url })).toEqual({ reachable: true });
	});

	it('reports a refused connection as no network', async () => {
		const url = await listen((_req, res) => res.end('ok'));
		await new Promise<void>((resolve) => server!.close(() => resolve()));
		server = undefined;
		const result = await probeWebContainerHost({ url });
		expect(result.reachable).toBe(false);
		expect(!result.reachable && result.message).toMatch(/no network/);
	});

	it('gives up on a host that never answers', async () => {
		const url = await listen(() => {
			/* never answers */
		});
		const result = await probeWebContainerHost({ url, timeoutMs: 200 });
		expect(result.reachable).toBe(false);
		expect(!result.reachable && result.message).toMatch(/no answer .* within/);
		server!.closeAllConnections();
	});
});
