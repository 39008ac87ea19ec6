import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ManualChunkMeta, OutputBundle } from 'rollup';
import type { Plugin } from 'vite';
import { staticClosure } from '../scripts/project-preloads.mjs';

/**
 * The build runs twice (scripts/build.mjs): the first pass chunks as Rollup does by default and
 * writes a plan from what it made; the second builds with that plan as `manualChunks`.
 *
 * Why: Rollup gives every set of entries that load a module a chunk of its own, the ~30 parts
 * loaded on demand counting as entries. Opening a project then asked for ~40 files, most of
 * 1–5 KB, and `npm start` (like most hosts on a laptop) speaks HTTP/1.1: six connections, and
 * each response handled on the page's busy main thread, so the files queued. The plan puts the
 * code a page starts with into one chunk per set of pages (and the early reads) that load it, so
 * a page asks for a handful of files, each holding only code that page runs at once.
 *
 * Why two passes: only Rollup's own chunking knows what a page really runs. The import graph
 * says more: a barrel (`$lib/runtime`) re-exports modules only the on-demand parts use, and a
 * plan made from import statements put those into the start (the shell went over its 150 KB
 * budget); one made by following imported names disagreed with Rollup at every barrel and made
 * circular chunks. The first pass's chunks are what Rollup decided after tree-shaking.
 */

/** What the plan needs of a chunk of the first pass. */
export interface PlannedChunk {
	fileName: string;
	isEntry: boolean;
	facadeModuleId: string | null;
	imports: readonly string[];
	dynamicImports: readonly string[];
	moduleIds: readonly string[];
}

/** Module id → manual chunk name. */
export type ChunkPlan = Record<string, string>;

/** Written by the first pass, read by the second (scripts/build.mjs sets them). */
export const PLAN_OUT_ENV = 'KILN_CHUNK_PLAN_OUT';
export const PLAN_IN_ENV = 'KILN_CHUNK_PLAN';

/** SvelteKit's entries every page loads: its start, its app, the root layout and error page. */
const KIT_BASE = /^_app\/immutable\/(entry\/(start|app)|nodes\/[01])\./;
/** A page's node (2 and up): each page is a root, with KIT_BASE. */
const PAGE_NODE = /^_app\/immutable\/nodes\/(\d+)\./;
/** Imported by the page's first script to start the early reads: a root, on its own. */
const EARLY_START = /\/src\/lib\/state\/early-open-start\.ts$/;

/**
 * The plan: modules of the chunks some root loads statically go to a chunk named by the set of
 * roots that load them; every other module stays with the modules it shared a chunk with.
 * A start chunk that a part loaded on demand needs where a root had not loaded it (fflate: the
 * /open page's start, and just-bash's, which the IDE loads on demand) also has that part in its
 * name, so loading the part never brings another page's start. Entries (SvelteKit's and the
 * early reads' start) are left to Rollup: each stays a file of its own, under the name SvelteKit
 * and scripts/project-preloads.mjs look for.
 */
export function planChunks(chunks: readonly PlannedChunk[]): ChunkPlan {
	const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
	const closure = (files: readonly string[]): Set<string> => staticClosure(chunks, files);
	const early = chunks.find((chunk) => chunk.moduleIds.some((id) => EARLY_START.test(id)));
	const roots = rootClosures(chunks, early, closure);
	// Which roots can load each part on demand, however deep.
	const partClosure = new Map<string, Set<string>>();
	const loadedLazilyBy = new Map<string, Set<string>>();
	for (const [root, files] of roots) {
		const pending = [...files].flatMap((file) => byFile.get(file)?.dynamicImports ?? []);
		for (let part = pending.pop(); part !== undefined; part = pending.pop()) {
			const by = loadedLazilyBy.get(part) ?? new Set<string>();
			if (by.has(root)) continue;
			loadedLazilyBy.set(part, by.add(root));
			if (!partClosure.has(part)) partClosure.set(part, closure([part]));
			for (const file of partClosure.get(part)!) {
				pending.push(...(byFile.get(file)?.dynamicImports ?? []));
			}
		}
	}
	const leftToRollup = new Set(
		chunks
			.filter((chunk) => chunk.isEntry || chunk === early)
			.flatMap((chunk) => (chunk.facadeModuleId ? [chunk.facadeModuleId] : []))
	);
	const indexOf = new Map(chunks.map((chunk, index) => [chunk.fileName, index]));
	const plan: ChunkPlan = {};
	chunks.forEach((chunk, index) => {
		const file = chunk.fileName;
		const loadedBy = [...roots].filter(([, files]) => files.has(file)).map(([root]) => root);
		const lazily = [...partClosure]
			.filter(([part, files]) => {
				if (!files.has(file)) return false;
				return [...loadedLazilyBy.get(part)!].some((root) => !roots.get(root)!.has(file));
			})
			.map(([part]) => `part${indexOf.get(part)}`);
		// A stylesheet's file is named after its chunk: the roots, and a short hash of the parts.
		const parts = lazily.length > 0 ? `-${hashOf(lazily.sort().join(' '))}` : '';
		const name =
			loadedBy.length > 0 ? `start-${loadedBy.sort().join('_')}${parts}` : `part-${index}`;
		for (const id of chunk.moduleIds) if (!leftToRollup.has(id)) plan[id] = name;
	});
	return plan;
}

function hashOf(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 6);
}

/** Each root's chunks: every page (SvelteKit's base with its node) and the early reads. */
function rootClosures(
	chunks: readonly PlannedChunk[],
	early: PlannedChunk | undefined,
	closure: (files: readonly string[]) => Set<string>
): Map<string, Set<string>> {
	const base = chunks.filter((chunk) => KIT_BASE.test(chunk.fileName)).map((c) => c.fileName);
	const roots = new Map<string, Set<string>>();
	for (const chunk of chunks) {
		const page = PAGE_NODE.exec(chunk.fileName)?.[1];
		if (chunk.isEntry && page && Number(page) >= 2) {
			roots.set(`page${page}`, closure([...base, chunk.fileName]));
		}
	}
	if (early) roots.set('early', closure([early.fileName]));
	return roots;
}

/**
 * First pass (PLAN_OUT_ENV set): writes the plan of the client build's chunks there. Second pass
 * (PLAN_IN_ENV set): `manualChunks` is that plan. Neither: Rollup's own chunking, with `fallback`.
 */
export function chunkPlan(
	fallback: (id: string, meta: ManualChunkMeta) => string | undefined
): Plugin {
	const out = process.env[PLAN_OUT_ENV];
	const planned = process.env[PLAN_IN_ENV];
	const plan: ChunkPlan | undefined = planned
		? (JSON.parse(readFileSync(planned, 'utf8')) as ChunkPlan)
		: undefined;
	return {
		name: 'kiln:chunk-plan',
		apply: 'build',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		outputOptions(options) {
			// A module the first pass did not see (none unless the passes differ): Rollup places it.
			return {
				...options,
				manualChunks: plan ? (id, meta) => plan[id] ?? fallback(id, meta) : fallback
			};
		},
		generateBundle(_options, bundle: OutputBundle) {
			if (!out) return;
			const chunks = Object.values(bundle).flatMap((output) =>
				output.type === 'chunk' ? [output] : []
			);
			writeFileSync(out, JSON.stringify(planChunks(chunks)));
		}
	};
}
