import { describe, expect, it } from 'vitest';
import type { ReportedChunk } from '../../../tooling/bundle-report';
import {
	attribute,
	chunkPackages,
	describeChunk,
	routeBundle,
	scriptPath,
	scriptsBefore,
	totals
} from '../../../bench/web/attribution';

const chunk = (fileName: string, modules: [string, number][]): ReportedChunk => ({
	fileName,
	isEntry: false,
	isDynamicEntry: false,
	imports: [],
	dynamicImports: [],
	modules: modules.map(([owner, renderedLength], i) => ({
		id: `/x/node_modules/${owner}/m${i}.js`,
		owner,
		renderedLength
	}))
});

const REPORT: ReportedChunk[] = [
	chunk('_app/immutable/chunks/editor.js', [
		['@codemirror/view', 500],
		['app', 200],
		['@codemirror/view', 100],
		['@lezer/common', 150],
		['zod', 30],
		['marked', 20]
	]),
	chunk('_app/immutable/chunks/small.js', [['svelte', 10]])
];

describe('bench:web byte attribution', () => {
	it('sums each chunk by npm owner, largest first, the rest folded into other', () => {
		expect(chunkPackages(REPORT[0], 3)).toEqual([
			{ owner: '@codemirror/view', share: 0.6 },
			{ owner: 'app', share: 0.2 },
			{ owner: '@lezer/common', share: 0.15 },
			{ owner: 'other', share: 0.05 }
		]);
		expect(chunkPackages(REPORT[1])).toEqual([{ owner: 'svelte', share: 1 }]);
		// Five by default; owners under 2% go to other even when fewer than five are listed.
		const small = chunkPackages(
			chunk('x.js', [
				['a', 970],
				['b', 15],
				['c', 15]
			])
		);
		expect(small.map((entry) => entry.owner)).toEqual(['a', 'other']);
		expect(small[1]!.share).toBeCloseTo(0.03);
		expect(chunkPackages(undefined)).toEqual([]);
	});

	it('attributes the scripts a page fetched, heaviest first, unknown files without packages', () => {
		const attributed = attribute(
			REPORT,
			[
				{ path: '_app/immutable/chunks/small.js', raw: 30, gzip: 30, brotli: 30 },
				{ path: '_app/immutable/chunks/editor.js', raw: 3_000, gzip: 1_024, brotli: 900 },
				{ path: '_app/immutable/workers/w.js', raw: 500, gzip: 200, brotli: 180 }
			],
			3
		);
		expect(attributed.map((c) => c.path)).toEqual([
			'_app/immutable/chunks/editor.js',
			'_app/immutable/workers/w.js',
			'_app/immutable/chunks/small.js'
		]);
		expect(attributed[1]!.packages).toEqual([]);
		expect(describeChunk(attributed[0]!, (b) => `${b / 1024} KiB`)).toBe(
			'chunks/editor.js 1 KiB gzip: @codemirror/view 60%, app 20%, @lezer/common 15%, other 5%'
		);
		expect(describeChunk(attributed[1]!, String)).toBe('workers/w.js 200 gzip');
		expect(totals(attributed)).toEqual({ raw: 3_530, gzip: 1_254, brotli: 1_110 });
	});

	it('keeps same-origin scripts only, as build paths', () => {
		const origin = 'http://localhost:4391';
		expect(scriptPath(`${origin}/_app/immutable/chunks/a.js?v=1`, origin)).toBe(
			'_app/immutable/chunks/a.js'
		);
		expect(scriptPath(`${origin}/_app/immutable/assets/a.css`, origin)).toBeNull();
		expect(scriptPath('http://localhost:4392/_app/immutable/chunks/a.js', origin)).toBeNull();
	});

	it('counts the scripts whose responses ended by a moment, each once', () => {
		const loads = [
			{ path: 'a.js', endMs: 100 },
			{ path: 'b.js', endMs: 250 },
			{ path: 'a.js', endMs: 260 },
			{ path: 'c.js', endMs: 900 }
		];
		expect(scriptsBefore(loads, 250)).toEqual(['a.js', 'b.js']);
		expect(scriptsBefore(loads, 50)).toEqual([]);
		expect(scriptsBefore(loads, 1_000)).toEqual(['a.js', 'b.js', 'c.js']);
	});

	it('counts a route as its entries and nodes with their static imports, never dynamic ones', () => {
		const linked = (fileName: string, imports: string[], dynamicImports: string[] = []) => ({
			...chunk(fileName, [['app', 1]]),
			imports,
			dynamicImports
		});
		const report = [
			linked('_app/immutable/entry/start.js', ['_app/immutable/chunks/kit.js']),
			linked('_app/immutable/nodes/4.js', ['_app/immutable/chunks/ide.js']),
			linked(
				'_app/immutable/chunks/ide.js',
				['_app/immutable/chunks/kit.js'],
				['_app/immutable/chunks/xterm.js']
			),
			linked('_app/immutable/chunks/kit.js', ['_app/immutable/chunks/ide.js']),
			linked('_app/immutable/chunks/xterm.js', []),
			linked('_app/immutable/nodes/2.js', ['_app/immutable/chunks/home.js'])
		];
		// xterm arrived before paint (a fast network), the home page's node never loaded.
		const loaded = [
			'_app/immutable/entry/start.js',
			'_app/immutable/nodes/4.js',
			'_app/immutable/chunks/xterm.js'
		];
		expect(routeBundle(report, loaded)).toEqual([
			'_app/immutable/chunks/ide.js',
			'_app/immutable/chunks/kit.js',
			'_app/immutable/entry/start.js',
			'_app/immutable/nodes/4.js'
		]);
	});
});
