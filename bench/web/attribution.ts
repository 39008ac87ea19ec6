/**
 * Which JavaScript a page needed before a moment (paint, ready), how big it is raw, gzip and
 * brotli, and which packages make up each chunk (the client build's bundle report: modules'
 * npm owners by rendered size). Pure, so the unit tests run it on a fixture report.
 */
import { staticClosure, type ReportedChunk } from '../../tooling/bundle-report';

export interface ScriptSize {
	/** Path inside the build, e.g. `_app/immutable/chunks/B61jQwOw.js`. */
	path: string;
	raw: number;
	gzip: number;
	brotli: number;
}

export interface ScriptLoad {
	path: string;
	/** When its response ended, in ms since the page's navigation started. */
	endMs: number;
}

export interface PackageShare {
	owner: string;
	/** Share of the chunk's rendered size, 0..1. */
	share: number;
}

export interface ChunkAttribution extends ScriptSize {
	/** Largest owners first; empty when the bundle report does not know the file. */
	packages: PackageShare[];
}

export type ByteTotals = Pick<ScriptSize, 'raw' | 'gzip' | 'brotli'>;

/** The build-relative path of a same-origin script URL; null for other origins or non-JS. */
export function scriptPath(url: string, origin: string): string | null {
	const parsed = new URL(url);
	if (parsed.origin !== origin) return null;
	const path = decodeURIComponent(parsed.pathname).replace(/^\//, '');
	return /\.m?js$/.test(path) ? path : null;
}

/** The distinct scripts whose responses ended by `timeMs` (a script fetched twice counts once). */
export function scriptsBefore(loads: readonly ScriptLoad[], timeMs: number): string[] {
	return [...new Set(loads.filter((load) => load.endMs <= timeMs).map((load) => load.path))];
}

/**
 * A chunk's owners by rendered size, largest first: the `top` biggest that have at least
 * `minShare` of it, the rest folded into `other`.
 */
export function chunkPackages(
	chunk: ReportedChunk | undefined,
	top = 5,
	minShare = 0.02
): PackageShare[] {
	if (!chunk) return [];
	const sizes = new Map<string, number>();
	for (const module of chunk.modules) {
		sizes.set(module.owner, (sizes.get(module.owner) ?? 0) + module.renderedLength);
	}
	const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
	if (total === 0) return [];
	const sorted = [...sizes.entries()]
		.sort((a, b) => b[1] - a[1])
		.map(([owner, size]) => ({ owner, share: size / total }));
	const kept = sorted.slice(0, top).filter((entry) => entry.share >= minShare);
	const rest = sorted
		.filter((entry) => !kept.includes(entry))
		.reduce((sum, entry) => sum + entry.share, 0);
	// A remainder that would print as 0% is noise, not a package worth naming.
	return rest >= 0.005 ? [...kept, { owner: 'other', share: rest }] : kept;
}

/** Each script with its packages, heaviest (gzip) first. */
export function attribute(
	report: readonly ReportedChunk[],
	scripts: readonly ScriptSize[],
	top?: number
): ChunkAttribution[] {
	const byFile = new Map(report.map((chunk) => [chunk.fileName, chunk]));
	return scripts
		.map((script) => ({ ...script, packages: chunkPackages(byFile.get(script.path), top) }))
		.sort((a, b) => b.gzip - a.gzip || a.path.localeCompare(b.path));
}

export function totals(scripts: readonly ByteTotals[]): ByteTotals {
	return scripts.reduce(
		(sum, script) => ({
			raw: sum.raw + script.raw,
			gzip: sum.gzip + script.gzip,
			brotli: sum.brotli + script.brotli
		}),
		{ raw: 0, gzip: 0, brotli: 0 }
	);
}

/** `chunks/B61jQwOw.js 312.4 KiB gzip: @codemirror/view 22%, app 18%, other 60%`. */
export function describeChunk(
	chunk: ChunkAttribution,
	formatBytes: (bytes: number) => string
): string {
	const name = chunk.path.replace(/^_app\/immutable\//, '');
	const packages = chunk.packages
		.map((entry) => `${entry.owner} ${Math.round(entry.share * 100)}%`)
		.join(', ');
	return `${name} ${formatBytes(chunk.gzip)} gzip${packages ? `: ${packages}` : ''}`;
}

/** SvelteKit's own entries and route nodes: what a navigation imports before anything else. */
const ROUTE_ROOT = /^_app\/immutable\/(entry|nodes)\//;

/**
 * The route bundle: the scripts a page had loaded that SvelteKit imports for the route itself
 * (its entries and nodes), with everything they import statically. Dynamic imports — the
 * editor, xterm, just-bash, the model catalog — are left out: the route mounts without them,
 * even when a fast network delivered them before the first paint. Sorted for stable output.
 */
export function routeBundle(report: readonly ReportedChunk[], loaded: readonly string[]): string[] {
	const roots = loaded.filter((path) => ROUTE_ROOT.test(path));
	return [...staticClosure(report, roots)].sort();
}
