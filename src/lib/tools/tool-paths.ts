import { deceptiveNameChars, normalizePath } from '../runtime';
import { ToolError } from './tool-error';

/**
 * A path as the model wrote it → a project-relative path. A leading slash means the project
 * root (the model sees the project as `/`); `..` past the root is refused.
 */
export function resolveToolPath(input: string): string {
	try {
		return normalizePath(input.trim());
	} catch {
		throw new ToolError(
			`The path '${input}' is outside the project. Use a path inside the project, relative to ` +
				`its root (like 'src/main.ts'); '/' means the project root.`
		);
	}
}

/** How a project path is shown to the model: the root as '.', anything else as is. */
export function displayPath(path: string): string {
	return path === '' ? '.' : path;
}

/** The longest file or folder name most file systems accept. */
const MAX_NAME_LENGTH = 255;

/**
 * Refuses a path the model wants to create when a name in it could deceive the person (a line
 * break, a right-to-left override, a zero-width character) or is longer than file systems allow.
 */
export function assertCreatablePath(path: string): void {
	const match = deceptiveNameChars().exec(path);
	if (match) {
		const code = hex(match[0]);
		throw new ToolError(
			`The path '${path.replace(deceptiveNameChars(), (char) => `\\u${hex(char)}`)}' ` +
				`contains the invisible or control character U+${code} ` +
				'(a line break, a text-direction override or a zero-width character), which would ' +
				'make the name look like something else. Use a name without it.'
		);
	}
	const long = path.split('/').find((name) => name.length > MAX_NAME_LENGTH);
	if (long) {
		throw new ToolError(
			`The name '${long.slice(0, 40)}…' is ${long.length} characters long; file systems allow ` +
				`at most ${MAX_NAME_LENGTH}. Use a shorter name.`
		);
	}
}

function hex(char: string): string {
	return char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}
