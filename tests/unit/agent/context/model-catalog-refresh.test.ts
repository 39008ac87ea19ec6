import { waitForUpdate, type Provider } from '@pydantic/genai-prices';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	loadModelCatalog,
	modelInfo,
	refreshModelCatalog,
	type CatalogCache
} from '../../../../src/lib/agent/context';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 10 * DAY;
let bundled: Provider[];

/** The bundled data with one price changed, as a newer download would carry it. */
function dataWithSonnetInput(price: number): string {
	const copy = structuredClone(bundled);
	const model = copy
		.find((p) => p.id === 'anthropic')!
		.models.find((m) => m.id === 'claude-sonnet-5')!;
	model.prices = { ...(model.prices as Record<string, number>), input_mtok: price };
	return JSON.stringify(copy);
}

function memoryCache(kept?: { data: string; savedAt: number }) {
	const cache: CatalogCache & { kept?: { data: string; savedAt: number } } = {
		kept,
		get: async () => cache.kept,
		set: async (value) => {
			cache.kept = value;
		}
	};
	return cache;
}

function fakeFetch(answer: () => Response | Promise<Response>) {
	const calls: string[] = [];
	const fetch = (async (url: string) => {
		calls.push(String(url));
		return answer();
	}) as unknown as typeof globalThis.fetch;
	return { fetch, calls };
}

beforeAll(async () => {
	expect(await loadModelCatalog()).toBe(true);
	bundled = (await waitForUpdate())!;
});

describe('refreshing the model catalog', () => {
	it('uses a fresh kept copy without downloading', async () => {
		const cache = memoryCache({ data: dataWithSonnetInput(111), savedAt: NOW - 1000 });
		const { fetch, calls } = fakeFetch(() => new Response('should not be fetched'));
		expect(await refreshModelCatalog({ cache, fetch, now: () => NOW })).toBe('cached');
		expect(calls).toEqual([]);
		expect(modelInfo('claude-sonnet-5').prices.input).toBe(111);
	});

	it('downloads when the kept copy is stale, and keeps the download', async () => {
		const cache = memoryCache({ data: dataWithSonnetInput(111), savedAt: NOW - 2 * DAY });
		const { fetch, calls } = fakeFetch(() => new Response(dataWithSonnetInput(222)));
		expect(await refreshModelCatalog({ cache, fetch, now: () => NOW })).toBe('downloaded');
		expect(calls).toHaveLength(1);
		expect(modelInfo('claude-sonnet-5').prices.input).toBe(222);
		expect(cache.kept?.savedAt).toBe(NOW);
	});

	it('fails soft offline or on a malformed download: the data in use stays', async () => {
		const before = modelInfo('claude-sonnet-5').prices.input;
		const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(
			await refreshModelCatalog({ cache: memoryCache(), fetch: offline.fetch, now: () => NOW })
		).toBe('bundled');
		const garbage = fakeFetch(() => new Response('{"not": "providers"}'));
		expect(
			await refreshModelCatalog({ cache: memoryCache(), fetch: garbage.fetch, now: () => NOW })
		).toBe('bundled');
		const notFound = fakeFetch(() => new Response('gone', { status: 404 }));
		expect(
			await refreshModelCatalog({ cache: memoryCache(), fetch: notFound.fetch, now: () => NOW })
		).toBe('bundled');
		expect(modelInfo('claude-sonnet-5').prices.input).toBe(before);
		expect(modelInfo('gpt-5').known).toBe(true);
	});

	it('falls back to a stale kept copy when the download fails', async () => {
		const cache = memoryCache({ data: dataWithSonnetInput(333), savedAt: NOW - 5 * DAY });
		const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await refreshModelCatalog({ cache, fetch: offline.fetch, now: () => NOW })).toBe(
			'cached'
		);
		expect(modelInfo('claude-sonnet-5').prices.input).toBe(333);
	});
});
