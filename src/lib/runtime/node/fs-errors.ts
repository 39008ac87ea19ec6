import { RuntimeFsError, type FsErrorCode } from '../types';

/** Node's error codes, narrowed to the ones RuntimeFsError knows. */
const codeMap: Readonly<Record<string, FsErrorCode>> = {
	ENOENT: 'ENOENT',
	EEXIST: 'EEXIST',
	ENOTDIR: 'ENOTDIR',
	EISDIR: 'EISDIR',
	// fs.rm on a folder without `recursive`.
	ERR_FS_EISDIR: 'EISDIR',
	ENOTEMPTY: 'ENOTEMPTY',
	EINVAL: 'EINVAL',
	ELOOP: 'ELOOP'
};

/** A RuntimeFsError for the project-relative path, or the original error for other causes. */
export function toRuntimeFsError(error: unknown, path: string): unknown {
	if (error instanceof RuntimeFsError) return error;
	const code = (error as { code?: unknown } | null)?.code;
	const mapped = typeof code === 'string' ? codeMap[code] : undefined;
	return mapped ? new RuntimeFsError(mapped, path) : error;
}
