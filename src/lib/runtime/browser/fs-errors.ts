import { RuntimeFsError, type FsErrorCode } from '../types';

const codes = new Set<FsErrorCode>([
	'ENOENT',
	'EEXIST',
	'ENOTDIR',
	'EISDIR',
	'ENOTEMPTY',
	'EINVAL',
	'ELOOP'
]);

/**
 * just-bash's filesystem throws plain Errors whose message starts with the POSIX code
 * (`ENOENT: no such file or directory, open '/project/x'`); turn those into RuntimeFsError
 * with the project-relative path the caller used. Anything else is passed on unchanged.
 */
export function toRuntimeFsError(error: unknown, path: string): unknown {
	if (error instanceof RuntimeFsError) return error;
	const code = error instanceof Error ? /^([A-Z]+)\b/.exec(error.message)?.[1] : undefined;
	return code && codes.has(code as FsErrorCode)
		? new RuntimeFsError(code as FsErrorCode, path)
		: error;
}
