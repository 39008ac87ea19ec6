/**
 * The model catalog as the app uses it: loaded on demand, and refreshed at most once a page
 * from the maintained data (kept in the settings store for a day, so most visits download
 * nothing). Offline, or with a broken download, the catalog keeps the data it has.
 */
import * as z from 'zod/mini';
import {
	loadModelCatalog,
	refreshModelCatalog,
	type CatalogCache,
	type RefreshOutcome
} from '../../agent/light';
import { getCheckedSetting, setSetting } from '../../storage';

/** The settings-store key of the downloaded catalog data. */
export const MODEL_CATALOG_KEY = 'model-catalog';

const keptSchema = z.object({ data: z.string(), savedAt: z.number() });

/** The downloaded data in this browser's settings store. */
export const settingsCatalogCache: CatalogCache = {
	get: () => getCheckedSetting<z.infer<typeof keptSchema>>(MODEL_CATALOG_KEY, keptSchema),
	set: (value) => setSetting(MODEL_CATALOG_KEY, value)
};

let refreshing: Promise<RefreshOutcome> | undefined;

/**
 * Loads the catalog and starts one refresh for this page (not awaited by callers that only need
 * the bundled data). Resolves false when even the bundled catalog could not load.
 */
export function prepareModelCatalog(cache: CatalogCache = settingsCatalogCache): {
	loaded: Promise<boolean>;
	refreshed: Promise<RefreshOutcome>;
} {
	refreshing ??= refreshModelCatalog({ cache }).catch((): RefreshOutcome => 'bundled');
	return { loaded: loadModelCatalog(), refreshed: refreshing };
}
