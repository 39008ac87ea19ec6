/**
 * File references in text the model or a tool wrote: `src/app.ts`, `src/app.ts:12`,
 * `src/app.ts:12:5`, `src/app.ts#L12`. Only references to files that exist in the project become
 * links (the caller says which exist), so an invented path stays plain text.
 */

/** A place in a file; line and column are 1-based. */
export interface FileReference {
	readonly path: string;
	readonly line?: number;
	readonly column?: number;
}

/** A reference found in a longer text, with where it is. */
export interface FoundReference extends FileReference {
	readonly start: number;
	readonly end: number;
}

const POSITION = String.raw`(?::(\d+)(?::(\d+))?|#L(\d+))?`;
/**
 * A path as agents write them: segments of word characters, dashes, + and @, with inner dots (a
 * leading one for .env), joined by /. No segment ends with a dot, so a sentence's full stop is
 * not part of the name, and ".." never matches.
 */
const SEGMENT = String.raw`\.?[\w@+-]+(?:\.[\w@+-]+)*`;
const PATH = String.raw`(?:\.\/)?${SEGMENT}(?:\/${SEGMENT})*`;
const WHOLE = new RegExp(String.raw`^(${PATH})${POSITION}$`);

/** Reads a whole string (inline code) as a file reference, or undefined if it is not one. */
export function parseFileReference(text: string): FileReference | undefined {
	const match = WHOLE.exec(text.trim());
	if (!match) return undefined;
	return reference(match);
}

/**
 * The references to existing files in running text (a grep result, a sentence). A bare word
 * needs a "/" or a "." to count, so "the build" never links to a file named "build"; a path
 * inside a URL never counts.
 */
export function findFileReferences(
	text: string,
	isFile: (path: string) => boolean
): FoundReference[] {
	const found: FoundReference[] = [];
	const pattern = new RegExp(String.raw`(?<![\w@.+/:-])(${PATH})${POSITION}`, 'g');
	for (const match of text.matchAll(pattern)) {
		const ref = reference(match);
		if (!/[./]/.test(ref.path) || !isFile(ref.path)) continue;
		found.push({ ...ref, start: match.index, end: match.index + match[0].length });
	}
	return found;
}

function reference(match: RegExpMatchArray): FileReference {
	const path = (match[1] ?? '').replace(/^\.\//, '');
	const line = Number(match[2] ?? match[4]) || undefined;
	const column = line !== undefined ? Number(match[3]) || undefined : undefined;
	return { path, line, column };
}

/** Splits text into plain runs and references, in order: what a view renders. */
export function splitByReferences(
	text: string,
	isFile: (path: string) => boolean
): (string | FoundReference)[] {
	const parts: (string | FoundReference)[] = [];
	let at = 0;
	for (const found of findFileReferences(text, isFile)) {
		if (found.start > at) parts.push(text.slice(at, found.start));
		parts.push(found);
		at = found.end;
	}
	if (at < text.length) parts.push(text.slice(at));
	return parts;
}
