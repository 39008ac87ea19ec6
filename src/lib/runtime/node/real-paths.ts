/**
 * Project paths → real paths on disk, through symbolic links, refusing any that lead outside the
 * project folder. Without this a link in the project (`notes -> /etc`, `key -> ~/.ssh/id_rsa`)
 * lets every file operation read or write anywhere on the machine, although the path text
 * itself stays inside. Operations then use the real path, so what was checked is what is used.
 */
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { normalizePath } from '../paths';
import { RuntimeFsError } from '../types';

export interface RealPaths {
	/** The real path of an existing file or folder (fails as the file system does when missing). */
	existing(path: string): Promise<string>;
	/**
	 * Where a write to `path` lands: the real path when it exists, else the real path of its
	 * nearest existing folder with the missing names added. A link to nothing is refused: what it
	 * would create cannot be checked beforehand.
	 */
	forWrite(path: string): Promise<string>;
	/** The entry itself, a link not followed (for removing or renaming it) in its real folder. */
	entry(path: string): Promise<string>;
	/** A real path as a project path, or undefined when it is outside the project. */
	toProject(real: string): string | undefined;
}

export async function createRealPaths(root: string): Promise<RealPaths> {
	const realRoot = await realpath(root);

	const toProject = (real: string): string | undefined => {
		if (real === realRoot) return '';
		if (!real.startsWith(realRoot + sep)) return undefined;
		return relative(realRoot, real).split(sep).join('/');
	};

	const existing = async (path: string): Promise<string> => {
		const normal = normalizePath(path);
		let real: string;
		try {
			real = await realpath(normal === '' ? root : join(root, normal));
		} catch (error) {
			if ((error as { code?: unknown }).code === 'ELOOP') {
				throw new RuntimeFsError(
					'ELOOP',
					normal,
					`'${normal}' is a symbolic link loop: following it leads back to itself. Remove or fix the link.`
				);
			}
			throw error;
		}
		if (toProject(real) === undefined) throw outside(normal, real);
		return real;
	};

	const forWrite = async (path: string): Promise<string> => {
		const normal = normalizePath(path);
		try {
			return await existing(normal);
		} catch (error) {
			if ((error as { code?: unknown }).code !== 'ENOENT' || normal === '') throw error;
		}
		const link = await lstat(join(root, normal)).catch(() => undefined);
		if (link?.isSymbolicLink()) {
			throw new RuntimeFsError(
				'EACCES',
				normal,
				`'${normal}' is a symbolic link to something that does not exist; Kiln does not create files through links. Remove the link or use another path.`
			);
		}
		const parent = normal.includes('/') ? normal.slice(0, normal.lastIndexOf('/')) : '';
		return join(await forWrite(parent), basename(normal));
	};

	const entry = async (path: string): Promise<string> => {
		const normal = normalizePath(path);
		if (normal === '') return existing('');
		return join(await forWrite(dirname(normal) === '.' ? '' : dirname(normal)), basename(normal));
	};

	return { existing, forWrite, entry, toProject };
}

function outside(path: string, real: string): RuntimeFsError {
	return new RuntimeFsError(
		'EACCES',
		path,
		`'${path}' leads outside the project folder (through a symbolic link, to '${real}'). ` +
			'Kiln reads and writes only inside the project; use a path inside it.'
	);
}
