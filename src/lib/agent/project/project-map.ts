import type { WorkspaceFile } from '../../workspace';
import { fileTreeSteps, plural } from './file-tree';
import { canOutline } from './outline';
import { loadOutliner, type Outliner } from './outline/load-outliner';
import { nameList, oneLine } from './outline/text';
import { isScanned, referencedFiles } from './references';
import { readPackageInfo, type PackageInfo } from './package-info';
import { rankSteps, type RankedFile } from './relevance';
import { runInSlices, timeSlices, type Pause, type Steps } from './time-slices';
import { loadTokenCounter } from './token-count';
import type { CountTokens, ProjectWorkspace } from './types';

export interface ProjectMapOptions {
	/** The whole map stays within this many tokens (as counted by `countTokens`). */
	maxTokens?: number;
	/** Defaults to a real BPE tokenizer (gpt-tokenizer's o200k_base). */
	countTokens?: CountTokens;
	/**
	 * Between units of work (a file scanned or outlined, a folder weighed). Default: the page
	 * gets the main thread back every few milliseconds (time-slices.ts), so no task is long.
	 */
	pause?: Pause;
}

export const DEFAULT_MAP_TOKENS = 2000;
/** Files bigger than this are listed but not parsed (minified bundles, generated code). */
export const MAX_OUTLINE_BYTES = 100_000;
/** At most this many files are parsed for the outline: the budget fills up long before. */
export const MAX_OUTLINED_FILES = 80;
/** Definitions shown per file before the rest are counted. */
export const MAX_OUTLINE_LINES = 20;

/** Shares of the budget: package.json and the tree are capped so the outline always gets room. */
const PACKAGE_SHARE = 0.2;
const TREE_SHARE = 0.35;

type Block = readonly string[];

/**
 * A compact map of the project for the session context: package.json (name, scripts,
 * dependencies), the file tree without ignored files, and an outline of the most relevant source
 * files' definitions, all within `maxTokens`. Deterministic: the same files (and mtimes) give the
 * same bytes, so the map can sit in the cached prompt prefix for the whole session.
 */
export async function buildProjectMap(
	workspace: Pick<ProjectWorkspace, 'allFiles' | 'peekText'>,
	options: ProjectMapOptions = {}
): Promise<string> {
	const maxTokens = options.maxTokens ?? DEFAULT_MAP_TOKENS;
	const countTokens = options.countTokens ?? (await loadTokenCounter());
	const steps = mapSteps(workspace, maxTokens, countTokens, await loadOutliner());
	return runInSlices(steps, options.pause ?? timeSlices());
}

function* mapSteps(
	workspace: Pick<ProjectWorkspace, 'allFiles' | 'peekText'>,
	maxTokens: number,
	countTokens: CountTokens,
	outlineFile: Outliner
): Steps<string> {
	const files = workspace.allFiles().filter((file) => !file.ignored);
	if (files.length === 0) return 'Project map: the project has no files yet.';

	const paths = new Set(files.map((file) => file.path));
	const text = (path: string) => workspace.peekText(path);
	const pkg = paths.has('package.json') ? readPackageInfo(text('package.json'), paths) : undefined;
	const ranked = yield* rankSteps({ files, text, packageEntryPoints: pkg?.entryPoints ?? [] });
	const scores = new Map(ranked.map(({ file, score }) => [file.path, score]));
	yield;
	const cost = (lines: Block) => (lines.length === 0 ? 0 : countTokens(lines.join('\n') + '\n'));

	const header = [
		`Project map: ${plural(files.length, 'file')} (ignored files left out). Made at session start, so it may be out of date: read a file before relying on details.`
	];
	const packageBlock = pkg ? packageSection(pkg, Math.floor(maxTokens * PACKAGE_SHARE), cost) : [];
	const treeLines = yield* fileTreeSteps({
		paths: [...paths],
		score: (path) => scores.get(path) ?? 0,
		maxTokens: Math.floor(maxTokens * TREE_SHARE),
		countTokens
	});
	const tree = ['', `## Files`, ...treeLines];
	const fixed = [...header, ...packageBlock, ...tree];

	const candidates = diversify(ranked.filter(({ file }) => canOutline(file.path) && !file.binary));
	// The first file parsed is the slowest (the grammar's code runs for the first time): a step of
	// its own, not one with the sort above (together ~14 ms here, a long task at 4× slower CPU).
	yield;
	const entries = outlineEntries(candidates, text, paths, outlineFile);
	const outlineHeading = ['', '## Outline (most relevant files first)'];
	// A line for what was left out is always reserved, so adding it never breaks the budget.
	const reserve = cost([leftOutLine(candidates.length, maxTokens)]) + cost(outlineHeading);
	let used = cost(fixed) + reserve;
	const chosen: Block[] = [];
	let empty = 0;
	for (const entry of entries) {
		yield;
		if (entry === null) {
			empty++;
			continue;
		}
		const entryCost = cost(entry);
		if (used + entryCost > maxTokens) continue;
		used += entryCost;
		chosen.push(entry);
	}
	// The sum of parts can differ from the whole by a token here and there: check the whole.
	for (;;) {
		yield;
		const omitted = candidates.length - empty - chosen.length;
		const outline = chosen.length > 0 ? [...outlineHeading, ...chosen.flat()] : [];
		const lines = [...fixed, ...outline];
		if (omitted > 0) lines.push(leftOutLine(omitted, maxTokens));
		const map = lines.join('\n');
		if (countTokens(map) <= maxTokens) return map;
		if (chosen.length === 0) {
			return cutToFit([...fixed, ...outline], omitted, maxTokens, countTokens);
		}
		chosen.pop();
	}
}

/**
 * Rank order, but each further file from the same folder counts a little less, so 300 similar
 * components do not crowd everything else out of the outline.
 */
function diversify(ranked: readonly RankedFile[]): WorkspaceFile[] {
	const seen = new Map<string, number>();
	return ranked
		.map(({ file, score }, rank) => {
			const folder = file.path.slice(0, Math.max(0, file.path.lastIndexOf('/')));
			const before = seen.get(folder) ?? 0;
			seen.set(folder, before + 1);
			return { file, rank, effective: score - 1.5 * before };
		})
		.sort((a, b) => b.effective - a.effective || a.rank - b.rank)
		.map(({ file }) => file);
}

function leftOutLine(count: number, maxTokens: number): string {
	return `(${plural(count, 'more source file')} not outlined, to keep this map within ${maxTokens} tokens: use glob, grep and read to explore them.)`;
}

/**
 * Outline blocks in rank order, parsing at most MAX_OUTLINED_FILES files; null for a file that
 * defines nothing worth showing. A script without definitions (an entry point like main.ts)
 * shows which project files it imports instead: that is how the app is wired.
 */
function* outlineEntries(
	candidates: readonly WorkspaceFile[],
	text: (path: string) => string | undefined,
	paths: ReadonlySet<string>,
	outlineFile: Outliner
): Generator<Block | null> {
	let parsed = 0;
	for (const file of candidates) {
		if (file.size > MAX_OUTLINE_BYTES) continue;
		if (++parsed > MAX_OUTLINED_FILES) return;
		const source = text(file.path);
		if (source === undefined) continue;
		const definitions = outlineFile(file.path, source);
		if (definitions.length === 0) {
			const imports = isScanned(file.path) ? referencedFiles(file.path, source, paths) : [];
			yield imports.length > 0 ? [file.path, `  imports ${nameList(imports, 8)}`] : null;
			continue;
		}
		const shown = definitions.slice(0, MAX_OUTLINE_LINES).map((line) => {
			// Nested lines (rules inside @media) keep their indentation.
			const indent = /^\s*/.exec(line)?.[0] ?? '';
			return '  ' + indent + oneLine(line, 160);
		});
		if (definitions.length > MAX_OUTLINE_LINES) {
			shown.push(`  … ${plural(definitions.length - MAX_OUTLINE_LINES, 'more definition')}`);
		}
		yield [file.path, ...shown];
	}
}

function packageSection(pkg: PackageInfo, maxTokens: number, cost: (lines: Block) => number) {
	const lines = ['', '## package.json'];
	if (pkg.error) return [...lines, `package.json is ${pkg.error}.`];
	if (pkg.name) lines.push(`name: ${pkg.name}`);
	if (pkg.scripts.length > 0) {
		lines.push('scripts:');
		for (const [name, command] of pkg.scripts) lines.push(`  ${name}: ${oneLine(command, 100)}`);
	}
	// Dependencies fill what the section has left, runtime ones first.
	const groups: [string, readonly [string, string][]][] = [
		['dependencies', pkg.dependencies],
		['devDependencies', pkg.devDependencies]
	];
	for (const [label, entries] of groups) {
		if (entries.length === 0) continue;
		const names = entries.map(([name, version]) => `${name} ${version}`);
		let shown = names.length;
		const line = (count: number) =>
			`${label}: ${names.slice(0, count).join(', ')}` +
			(count < names.length ? `, … ${names.length - count} more` : '');
		while (shown > 0 && cost([...lines, line(shown)]) > maxTokens) shown--;
		lines.push(shown > 0 ? line(shown) : `${label}: ${plural(names.length, 'package')}`);
	}
	return lines;
}

/** Last resort for a tiny budget: whole lines from the top, and a note that the rest was cut. */
function cutToFit(
	lines: readonly string[],
	omitted: number,
	maxTokens: number,
	countTokens: CountTokens
): string {
	const outlined = omitted > 0 ? `; ${plural(omitted, 'source file')} not outlined` : '';
	const note = `(project map cut short to stay within ${maxTokens} tokens${outlined}: use list, glob and read to explore.)`;
	const kept = [...lines];
	while (kept.length > 0 && countTokens([...kept, note].join('\n')) > maxTokens) kept.pop();
	return [...kept, note].join('\n');
}
