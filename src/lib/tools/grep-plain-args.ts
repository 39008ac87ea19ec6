import type { GrepArgs } from './grep';

/**
 * The grep tool's arguments read without zod, for the CLI's ripgrep path (`kiln tool grep`),
 * where loading zod and the tool's schema took longer than the search. It accepts only what
 * the schema in grep.ts accepts (a unit test holds the two together); anything else, valid or
 * not, gives undefined and the full tool runs, with the schema's own error message.
 */
export function plainGrepArgs(raw: unknown): GrepArgs | undefined {
	const value = typeof raw === 'string' ? parsedJson(raw) : raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	// As parseToolArgs does: null stands for a parameter left out.
	const args = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
	for (const key of Object.keys(args)) if (!GREP_ARG_KEYS.has(key)) return undefined;
	const { pattern, path, glob, output_mode, ignore_case, context, head_limit } = args;
	if (typeof pattern !== 'string' || pattern.length === 0) return undefined;
	if (!optional(path, isString) || !optional(glob, isString)) return undefined;
	if (!optional(output_mode, isOutputMode) || !optional(ignore_case, isBoolean)) return undefined;
	if (!optional(context, (n) => isInteger(n) && n >= 0 && n <= 50)) return undefined;
	if (!optional(head_limit, (n) => isInteger(n) && n >= 1)) return undefined;
	return args as GrepArgs;
}

/** The schema's keys (grep.ts); a test checks they are the same. */
export const GREP_ARG_KEYS: ReadonlySet<string> = new Set([
	'pattern',
	'path',
	'glob',
	'output_mode',
	'ignore_case',
	'context',
	'head_limit'
]);

function parsedJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function optional(value: unknown, test: (value: unknown) => boolean): boolean {
	return value === undefined || test(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isOutputMode = (value: unknown) =>
	value === 'files' || value === 'content' || value === 'count';
/** zod's .int() takes safe integers only. */
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
