import type { WorkspaceFile } from '../../workspace';
import { extensionOf } from './outline/extension';
import { isScanned, referencedFiles, SCRIPT_EXTENSIONS } from './references';
import { runAtOnce, type Steps } from './time-slices';
import { compare } from './wording';

/** Files bigger than this are not scanned for imports (generated bundles, data). */
export const MAX_SCAN_BYTES = 200_000;
/** At most this many files are scanned for imports, so a huge project stays fast. */
export const MAX_SCANNED_FILES = 3000;

export interface RankInput {
	readonly files: readonly WorkspaceFile[];
	readonly text: (path: string) => string | undefined;
	/** From package.json. */
	readonly packageEntryPoints: readonly string[];
}

export interface RankedFile {
	readonly file: WorkspaceFile;
	readonly score: number;
}

const CONVENTIONAL_ENTRY = /^(index|main|app|server|cli|mod|lib)\.[a-z]+$/i;
const TEST_PATH = /(^|\/)(tests?|__tests__|e2e|spec|fixtures?|__mocks__)\/|\.(test|spec)\.[a-z]+$/i;
const CONFIG_FILE = /(^|\/)[^/]*\.config\.[a-z]+$|(^|\/)\.[^/]+$/i;
const LOCK_FILE = /(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?)$/;

/**
 * Orders files by how much a newcomer would want to see them first: entry points (named by
 * package.json or an HTML page), files imported by many others, files changed recently, and
 * shallow paths; tests, configs and lock files last. Ties break by path, so equal input gives
 * the same order.
 */
export function rankFiles(input: RankInput): RankedFile[] {
	return runAtOnce(rankSteps(input));
}

/** rankFiles, one step per file scanned for imports (time-slices.ts). */
export function* rankSteps(input: RankInput): Steps<RankedFile[]> {
	const files = input.files;
	const paths = new Set(files.map((file) => file.path));
	const importedBy = new Map<string, number>();
	const entryPoints = new Set(input.packageEntryPoints);
	let scanned = 0;
	for (const file of files) {
		if (!isScanned(file.path) || file.binary || file.size > MAX_SCAN_BYTES) continue;
		if (++scanned > MAX_SCANNED_FILES) break;
		const text = input.text(file.path);
		if (text === undefined) continue;
		const isPage = /\.html?$/i.test(file.path);
		for (const target of referencedFiles(file.path, text, paths)) {
			importedBy.set(target, (importedBy.get(target) ?? 0) + 1);
			// What a page loads is where the app starts.
			if (isPage) entryPoints.add(target);
		}
		if (isPage && !file.path.includes('/')) entryPoints.add(file.path);
		yield;
	}
	const recent = recentlyModified(files);
	yield;
	const ranked: RankedFile[] = [];
	for (const file of files) {
		ranked.push({ file, score: scoreOf(file, entryPoints, importedBy, recent) });
		// Scoring 2,000 files at once was a step of ~5–10 ms here, a long task on a slower CPU.
		if (ranked.length % SCORED_PER_STEP === 0) yield;
	}
	yield;
	return ranked.sort((a, b) => b.score - a.score || compare(a.file.path, b.file.path));
}

/** Files scored between two steps of rankSteps. */
const SCORED_PER_STEP = 200;

/** How much a file tells about the project: higher is shown first. */
function scoreOf(
	file: WorkspaceFile,
	entryPoints: ReadonlySet<string>,
	importedBy: ReadonlyMap<string, number>,
	recent: ReadonlySet<string>
): number {
	const path = file.path;
	const name = path.slice(path.lastIndexOf('/') + 1);
	const depth = path.split('/').length - 1;
	let score = -0.75 * depth;
	const extension = extensionOf(path);
	const isCode = SCRIPT_EXTENSIONS.has(extension) || extension === 'html';
	// A page's stylesheet is an entry point too, but the code is where the app starts.
	if (entryPoints.has(path)) score += isCode ? 10 : 4;
	score += Math.min(10, 2 * (importedBy.get(path) ?? 0));
	if (recent.has(path)) score += 3;
	if (CONVENTIONAL_ENTRY.test(name)) score += 1;
	if (depth === 0 && /^readme\.(md|markdown)$/i.test(name)) score += 3;
	if (TEST_PATH.test(path)) score -= 4;
	if (CONFIG_FILE.test(path)) score -= 1.5;
	if (LOCK_FILE.test(path) || file.binary) score -= 6;
	// Code says more about a project than its styles or data.
	if (SCRIPT_EXTENSIONS.has(extension)) score += 1;
	else if (extension === 'css' || extension === 'json') score -= 1.5;
	return score;
}

/**
 * Files clearly newer than the rest: in the newest tenth and at least a minute newer than the
 * median. A freshly created or imported project (all files about as old) has none, so the map
 * does not change with the clock's jitter.
 */
function recentlyModified(files: readonly WorkspaceFile[]): Set<string> {
	if (files.length < 2) return new Set();
	const byTime = [...files].sort((a, b) => b.mtimeMs - a.mtimeMs || compare(a.path, b.path));
	const median = byTime[Math.floor(byTime.length / 2)]!.mtimeMs;
	const limit = Math.max(3, Math.ceil(files.length / 10));
	return new Set(
		byTime
			.slice(0, limit)
			.filter((file) => file.mtimeMs >= median + 60_000)
			.map((file) => file.path)
	);
}

export { compare };
