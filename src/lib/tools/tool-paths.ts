import { normalizePath } from '../runtime/paths';
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
