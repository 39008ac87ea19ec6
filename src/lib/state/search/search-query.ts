import { compileGlobFilter, compileSearchPattern } from '../../tools';

/** What the Search panel looks for, as the person set it. */
export interface SearchQuery {
	readonly text: string;
	readonly matchCase: boolean;
	readonly wholeWord: boolean;
	/** The text is a regular expression (JavaScript syntax, as the grep tool reads it). */
	readonly regex: boolean;
	/** Comma-separated globs: only files matching one of them (all files when empty). */
	readonly include: string;
	/** Comma-separated globs: files matching any of them are left out. */
	readonly exclude: string;
}

export const EMPTY_QUERY: SearchQuery = {
	text: '',
	matchCase: false,
	wholeWord: false,
	regex: false,
	include: '',
	exclude: ''
};

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/**
 * The query as the grep engine's pattern: literal text escaped, a whole word wrapped in word
 * boundaries. The grep worker compiles the same pattern the same way, so both agree on matches.
 */
export function enginePattern(query: SearchQuery): { pattern: string; ignoreCase: boolean } {
	const source = query.regex ? query.text : query.text.replace(SPECIAL, '\\$&');
	const pattern = query.wholeWord ? `\\b(?:${source})\\b` : source;
	return { pattern, ignoreCase: !query.matchCase };
}

/**
 * The engine's RegExp with the global flag, for finding every match on a line. Throws a
 * ToolError that says what is wrong with the pattern.
 */
export function queryRegex(query: SearchQuery): RegExp {
	const { pattern, ignoreCase } = enginePattern(query);
	const compiled = compileSearchPattern(pattern, ignoreCase);
	return new RegExp(compiled.source, compiled.flags + 'g');
}

/**
 * A test for project-relative paths from the include and exclude fields, each a comma-separated
 * list of globs read as grep's glob reads them ("*.ts" matches at any depth, "src/**" by path).
 */
export function pathFilter(query: SearchQuery): (path: string) => boolean {
	const globs = (list: string) =>
		list
			.split(',')
			.map((glob) => glob.trim())
			.filter((glob) => glob !== '')
			.map((glob) => compileGlobFilter(glob.replace(/^!/, '')));
	const include = globs(query.include);
	const exclude = globs(query.exclude);
	return (path) =>
		(include.length === 0 || include.some((matches) => matches(path))) &&
		!exclude.some((matches) => matches(path));
}
