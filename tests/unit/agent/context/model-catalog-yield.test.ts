import { expect, it, vi } from 'vitest';

/** The page's turn between tasks, held until the test opens it. */
const gate = vi.hoisted(() => ({ asked: 0, open: () => {} }));
vi.mock('../../../../src/lib/runtime', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../../../src/lib/runtime')>()),
	yieldToPage: () => {
		gate.asked += 1;
		return new Promise<void>((resolve) => (gate.open = resolve));
	}
}));

const { loadModelCatalog, modelCatalogReady, whenModelCatalogLoaded } =
	await import('../../../../src/lib/agent/context/model-catalog');

it('gives the page a turn between evaluating the catalog and whoever awaited it', async () => {
	const resumed: string[] = [];
	const loading = loadModelCatalog().then(() => resumed.push('load'));
	void whenModelCatalogLoaded().then(() => resumed.push('loaded'));
	await vi.waitFor(() => expect(gate.asked).toBe(1));
	// The data is in, but nobody waiting for it has run in the task that evaluated it.
	expect(modelCatalogReady()).toBe(true);
	expect(resumed).toEqual([]);
	gate.open();
	await loading;
	expect(resumed).toEqual(['loaded', 'load']);
	// Loaded once: later calls answer without another pause.
	expect(await loadModelCatalog()).toBe(true);
	expect(gate.asked).toBe(1);
});
