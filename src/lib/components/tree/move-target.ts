import { basename, dirname, isWithin } from '$lib/runtime';
import { validateName } from './name-validation';

/** Where a move would put a file or folder, or why it may not happen. `path === from`: nothing to do. */
export type MoveCheck =
	{ readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: string };

/** What a move check needs to know about the project. */
export interface MoveCheckOptions {
	/** The file or folder being moved (project-relative). */
	readonly from: string;
	exists(path: string): boolean;
	isDirectory(path: string): boolean;
}

/** A path typed into the rename field: where it leads, relative to the project's top folder. */
export function checkMovePath(raw: string, options: MoveCheckOptions): MoveCheck {
	let typed = raw.trim();
	if (typed === '') return { ok: false, error: 'Type a name or a path, then press Enter.' };
	if (typed.includes('\\'))
		return { ok: false, error: 'Use / between folders, not \\ (for example lib/app.ts).' };
	if (typed.startsWith('/') || typed.startsWith('~') || /^[a-z]:/i.test(typed)) {
		return {
			ok: false,
			error: `"${typed}" is an absolute path. Paths start at the project's top folder: write lib/app.ts, not /lib/app.ts.`
		};
	}
	// "lib/" means "into lib, keeping the name", as `mv app.ts lib/` does.
	if (typed.endsWith('/')) typed += basename(options.from);
	const segments = typed.split('/');
	if (segments.includes('..')) {
		return {
			ok: false,
			error:
				'A path cannot go up with "..": everything stays inside the project. Write the path from the top folder (for example lib/app.ts).'
		};
	}
	if (segments.some((segment) => segment === '' || segment === '.'))
		return {
			ok: false,
			error: 'Remove the empty or "." parts of the path (for example lib/app.ts).'
		};
	for (const segment of segments) {
		const check = validateName(segment, { siblings: [] });
		if (!check.ok) return check;
		if (check.name !== segment)
			return { ok: false, error: 'Remove the spaces around / in the path.' };
	}
	return checkMoveTo(segments.join('/'), options);
}

/** Dropping a file or folder on `folder` ('' for the top): it keeps its name there. */
export function checkMoveInto(folder: string, options: MoveCheckOptions): MoveCheck {
	return checkMoveTo(
		folder ? `${folder}/${basename(options.from)}` : basename(options.from),
		options
	);
}

function checkMoveTo(path: string, options: MoveCheckOptions): MoveCheck {
	const { from } = options;
	if (path === from) return { ok: true, path };
	if (isWithin(path, from))
		return { ok: false, error: `Cannot move ${from} into itself. Choose a place outside it.` };
	for (let folder = dirname(path); folder !== ''; folder = dirname(folder)) {
		if (options.exists(folder) && !options.isDirectory(folder))
			return { ok: false, error: `${folder} is a file, not a folder. Choose another path.` };
	}
	if (options.exists(path)) {
		return {
			ok: false,
			error: `${path} already exists. Rename or move one of them first; nothing was moved.`
		};
	}
	return { ok: true, path };
}
