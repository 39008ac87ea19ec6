import { joinPath, resolveFile } from './references';
import { messageOf } from '../../errors';

export interface PackageInfo {
	readonly name: string | undefined;
	readonly scripts: readonly [string, string][];
	readonly dependencies: readonly [string, string][];
	readonly devDependencies: readonly [string, string][];
	/** Project files that package.json names: main, module, bin, exports, files run by scripts. */
	readonly entryPoints: readonly string[];
	/** Why it could not be read, when it is not valid JSON. */
	readonly error?: string;
}

/** Reads the root package.json; undefined when there is none. */
export function readPackageInfo(
	text: string | undefined,
	files: ReadonlySet<string>
): PackageInfo | undefined {
	if (text === undefined) return undefined;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const reason = messageOf(error);
		return { ...EMPTY, error: `not valid JSON (${reason})` };
	}
	if (!isRecord(json)) return { ...EMPTY, error: 'not a JSON object' };
	// Scripts keep the author's order (dev, build, test…); dependencies are sorted by name.
	const scripts = stringEntries(json.scripts, false);
	return {
		name: typeof json.name === 'string' ? json.name : undefined,
		scripts,
		dependencies: stringEntries(json.dependencies),
		devDependencies: stringEntries(json.devDependencies),
		entryPoints: findEntryPoints(json, scripts, files)
	};
}

const EMPTY: PackageInfo = {
	name: undefined,
	scripts: [],
	dependencies: [],
	devDependencies: [],
	entryPoints: []
};

function findEntryPoints(
	json: Record<string, unknown>,
	scripts: readonly [string, string][],
	files: ReadonlySet<string>
): string[] {
	const candidates: string[] = [];
	for (const field of ['main', 'module', 'browser', 'types', 'bin', 'exports']) {
		collectStrings(json[field], candidates);
	}
	// Words of a script that name a project file: `node server.js`, `tsx src/cli.ts`.
	for (const [, command] of scripts) {
		for (const word of command.split(/[\s;&|=()]+/))
			candidates.push(word.replace(/^["']|["']$/g, ''));
	}
	const found = new Set<string>();
	for (const candidate of candidates) {
		if (!/[./]/.test(candidate) || candidate.startsWith('-')) continue;
		const path = resolveFile(joinPath('', candidate), files);
		if (path !== undefined && path !== 'package.json') found.add(path);
	}
	return [...found].sort();
}

function collectStrings(value: unknown, into: string[]): void {
	if (typeof value === 'string') into.push(value);
	else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
	else if (isRecord(value)) for (const item of Object.values(value)) collectStrings(item, into);
}

function stringEntries(value: unknown, sorted = true): [string, string][] {
	if (!isRecord(value)) return [];
	const entries = Object.entries(value).filter(
		(entry): entry is [string, string] => typeof entry[1] === 'string'
	);
	return sorted ? entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
