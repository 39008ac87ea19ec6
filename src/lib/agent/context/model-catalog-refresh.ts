/**
 * Newer catalog data than the bundled copy: prices change and models ship between Kiln releases.
 * The library fetches nothing by itself; refreshModelCatalog() hands it data through its
 * updatePrices hook — the copy kept in this browser while it is fresh, else a download stored
 * for next time. Every failure (offline, a 404, a malformed file) keeps the data already in use.
 */
import type { Provider as CatalogProviderData } from '@pydantic/genai-prices';
// zod/mini: this module is reached from the IDE shell's settings, so it must not pull in classic zod.
import * as z from 'zod/mini';
import { catalogLibrary, forgetCatalogLookups, loadModelCatalog } from './model-catalog';

/** Where the downloaded data is kept between visits (the app: the settings store). */
export interface CatalogCache {
	get(): Promise<{ data: string; savedAt: number } | undefined>;
	set(value: { data: string; savedAt: number }): Promise<void>;
}

export interface RefreshOptions {
	cache: CatalogCache;
	fetch?: typeof globalThis.fetch;
	/** A kept copy younger than this is used without downloading. Default: one day. */
	maxAgeMs?: number;
	/** Default: 15 s, so a hanging network never leaves the refresh pending. */
	timeoutMs?: number;
	now?: () => number;
}

/** What the refresh did: 'cached' and 'downloaded' replaced the bundled data. */
export type RefreshOutcome = 'cached' | 'downloaded' | 'bundled';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The shape the library needs; anything else is refused before it reaches the library. */
const providersSchema = z
	.array(z.looseObject({ id: z.string(), models: z.array(z.looseObject({ id: z.string() })) }))
	.check(z.minLength(1));

export async function refreshModelCatalog(options: RefreshOptions): Promise<RefreshOutcome> {
	if (!(await loadModelCatalog())) return 'bundled';
	const library = catalogLibrary();
	if (!library) return 'bundled';
	const now = options.now ?? Date.now;
	let outcome: RefreshOutcome = 'bundled';

	const choose = async (remoteUrl: string): Promise<unknown[] | null> => {
		const kept = await options.cache.get().catch(() => undefined);
		const keptData = kept ? parse(kept.data) : null;
		if (keptData && now() - kept!.savedAt < (options.maxAgeMs ?? DAY_MS)) {
			outcome = 'cached';
			return keptData;
		}
		const text = await download(remoteUrl, options).catch(() => null);
		const fresh = text === null ? null : parse(text);
		if (fresh) {
			await options.cache.set({ data: text!, savedAt: now() }).catch(() => undefined);
			outcome = 'downloaded';
			return fresh;
		}
		if (keptData) outcome = 'cached';
		return keptData;
	};

	let chosen: Promise<unknown[] | null> | undefined;
	library.updatePrices(({ remoteDataUrl, setProviderData }) => {
		chosen = choose(remoteDataUrl);
		// Checked by providersSchema for the fields the library reads first; it validates the rest.
		setProviderData(chosen as Promise<CatalogProviderData[] | null>);
	});
	try {
		await chosen;
		await library.waitForUpdate();
		forgetCatalogLookups();
		return outcome;
	} catch {
		// The library refused the data and kept what it had.
		return 'bundled';
	}
}

async function download(url: string, options: RefreshOptions): Promise<string> {
	const fetch = options.fetch ?? globalThis.fetch;
	const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	return response.text();
}

function parse(text: string): unknown[] | null {
	try {
		const result = providersSchema.safeParse(JSON.parse(text));
		return result.success ? result.data : null;
	} catch {
		return null;
	}
}
