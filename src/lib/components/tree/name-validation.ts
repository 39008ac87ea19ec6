export type NameCheck =
	{ readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: string };

export interface NameCheckOptions {
	/** Names already present in the folder. */
	readonly siblings: readonly string[];
	/** When renaming: the entry's current name, which may of course be kept. */
	readonly current?: string;
}

const MAX_NAME_LENGTH = 255;

/**
 * Checks a file or folder name typed by a person. Surrounding spaces are dropped (they are
 * almost always a slip); everything else that cannot be a single path segment, or that already
 * exists in the folder, comes back as an error that says what to do instead.
 */
export function validateName(raw: string, options: NameCheckOptions): NameCheck {
	const name = raw.trim();
	if (name === '') return { ok: false, error: 'Type a name, then press Enter.' };
	if (name === '.' || name === '..')
		return { ok: false, error: `"${name}" is reserved. Choose another name.` };
	if (/[/\\]/.test(name))
		return {
			ok: false,
			error: 'A name cannot contain / or \\. Create the folder first, then add items inside it.'
		};
	// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
	if (/[\u0000-\u001f\u007f]/.test(name))
		return { ok: false, error: 'A name cannot contain control characters. Remove them.' };
	if (name.length > MAX_NAME_LENGTH)
		return {
			ok: false,
			error: `That name is ${name.length} characters long; use at most ${MAX_NAME_LENGTH}.`
		};
	if (name !== options.current && options.siblings.includes(name))
		return { ok: false, error: `"${name}" already exists here. Choose another name.` };
	return { ok: true, name };
}
