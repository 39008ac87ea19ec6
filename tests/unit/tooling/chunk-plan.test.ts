/**
 * The second build pass's chunks (tooling/chunk-plan.ts): what a page starts with is grouped by
 * the pages (and early reads) that load it, everything else stays as the first pass made it.
 */
import { describe, expect, it } from 'vitest';
import { planChunks, type PlannedChunk } from '../../../tooling/chunk-plan';

const chunk = (
	fileName: string,
	moduleIds: string[],
	links: { imports?: string[]; dynamicImports?: string[]; entry?: boolean } = {}
): PlannedChunk => ({
	fileName,
	isEntry: links.entry ?? false,
	facadeModuleId: links.entry || moduleIds.length === 1 ? `${ROOT}${moduleIds[0]!}` : null,
	imports: links.imports ?? [],
	dynamicImports: links.dynamicImports ?? [],
	moduleIds: moduleIds.map((id) => `${ROOT}${id}`)
});

const ROOT = '/repo/';

const A = '_app/immutable/';
/** Two pages (2: home, 3: the IDE), SvelteKit's base, the early reads, parts loaded on demand. */
const FIRST_PASS: PlannedChunk[] = [
	chunk(`${A}entry/start.a.js`, ['kit/entry.js'], {
		entry: true,
		imports: [`${A}chunks/svelte.js`]
	}),
	chunk(`${A}entry/app.b.js`, ['kit/app.js'], {
		entry: true,
		imports: [`${A}chunks/svelte.js`],
		dynamicImports: [`${A}nodes/2.c.js`, `${A}nodes/3.d.js`]
	}),
	chunk(`${A}nodes/0.e.js`, ['kit/nodes/0.js'], { entry: true, imports: [`${A}chunks/svelte.js`] }),
	chunk(`${A}nodes/1.f.js`, ['kit/nodes/1.js'], { entry: true, imports: [`${A}chunks/svelte.js`] }),
	chunk(`${A}nodes/2.c.js`, ['kit/nodes/2.js'], {
		entry: true,
		imports: [`${A}chunks/home-a.js`, `${A}chunks/home-b.js`]
	}),
	chunk(`${A}nodes/3.d.js`, ['kit/nodes/3.js'], {
		entry: true,
		imports: [`${A}chunks/ide-a.js`, `${A}chunks/ide-b.js`]
	}),
	chunk(`${A}chunks/svelte.js`, ['svelte/internal.js', 'svelte/render.js']),
	chunk(`${A}chunks/home-a.js`, ['src/routes/+page.svelte'], { imports: [`${A}chunks/svelte.js`] }),
	chunk(`${A}chunks/home-b.js`, ['src/lib/share/link.ts'], { imports: [`${A}chunks/fflate.js`] }),
	chunk(`${A}chunks/ide-a.js`, ['src/routes/project/+page.svelte', 'src/lib/ide/Ide.svelte'], {
		imports: [`${A}chunks/svelte.js`, `${A}chunks/storage.js`],
		dynamicImports: [`${A}chunks/agent.js`]
	}),
	chunk(`${A}chunks/ide-b.js`, ['src/lib/ide/Tree.svelte']),
	chunk(`${A}chunks/early-start.js`, ['src/lib/state/early-open-start.ts'], {
		imports: [`${A}chunks/storage.js`]
	}),
	chunk(`${A}chunks/storage.js`, ['src/lib/storage/index.ts', 'idb-keyval/index.js'], {
		dynamicImports: [`${A}chunks/just-bash.js`]
	}),
	chunk(`${A}chunks/just-bash.js`, ['just-bash/browser.js'], {
		imports: [`${A}chunks/fflate.js`]
	}),
	chunk(`${A}chunks/fflate.js`, ['fflate/browser.js']),
	chunk(`${A}chunks/agent.js`, ['src/lib/agent/agent.ts', 'src/lib/tools/registry.ts'], {
		imports: [`${A}chunks/svelte.js`]
	})
];

describe('the chunk plan', () => {
	const planned = planChunks(FIRST_PASS);
	const plan = new Proxy({} as Record<string, string | undefined>, {
		get: (_target, id: string) => planned[`${ROOT}${id}`]
	});

	it("puts what one page starts with into one chunk, apart from other pages' code", () => {
		expect(plan['src/routes/project/+page.svelte']).toBe(plan['src/lib/ide/Tree.svelte']);
		expect(plan['src/lib/ide/Ide.svelte']).toBe(plan['src/lib/ide/Tree.svelte']);
		expect(plan['src/routes/+page.svelte']).toBe(plan['src/lib/share/link.ts']);
		expect(plan['src/routes/+page.svelte']).not.toBe(plan['src/lib/ide/Tree.svelte']);
		// What every page loads is one chunk of its own.
		expect(plan['svelte/internal.js']).toBe(plan['svelte/render.js']);
		expect(plan['svelte/internal.js']).not.toBe(plan['src/lib/ide/Tree.svelte']);
	});

	it("keeps the early reads' code apart from what only the pages load", () => {
		expect(plan['src/lib/storage/index.ts']).toBe(plan['idb-keyval/index.js']);
		expect(plan['src/lib/storage/index.ts']).not.toBe(plan['src/lib/ide/Tree.svelte']);
		expect(plan['src/lib/storage/index.ts']).not.toBe(plan['svelte/internal.js']);
	});

	it("never makes a part loaded on demand bring another page's start code", () => {
		// fflate is home's start code and just-bash's, which the IDE loads on demand.
		expect(plan['fflate/browser.js']).toBeDefined();
		expect(plan['fflate/browser.js']).not.toBe(plan['src/lib/share/link.ts']);
		// Svelte is loaded by every page that can load the agent: that does not split it.
		expect(plan['svelte/internal.js']).toMatch(/^start-page2_page3$/);
	});

	it('leaves entries to Rollup and keeps the parts loaded on demand as they were', () => {
		for (const entry of ['kit/entry.js', 'kit/app.js', 'kit/nodes/0.js', 'kit/nodes/3.js']) {
			expect(plan[entry], entry).toBeUndefined();
		}
		expect(plan['src/lib/state/early-open-start.ts']).toBeUndefined();
		expect(plan['src/lib/agent/agent.ts']).toBe(plan['src/lib/tools/registry.ts']);
		expect(plan['src/lib/agent/agent.ts']).toMatch(/^part-/);
		expect(plan['just-bash/browser.js']).toMatch(/^part-/);
		expect(plan['just-bash/browser.js']).not.toBe(plan['src/lib/agent/agent.ts']);
	});
});
