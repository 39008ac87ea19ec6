import { RuntimeFsError, type FsErrorCode } from '../types';
import { messageOf } from '../../errors';

const CODE_PATTERN = /\b(ENOENT|EEXIST|ENOTDIR|EISDIR|ENOTEMPTY|EINVAL)\b/;

/**
 * Reads the error code out of an error thrown by WebContainer's fs. Its errors cross a message
 * port (Comlink), which keeps only `name`, `message` and `stack`, so `code` is gone
 * (stackblitz/webcontainer-core#1171) and the message, Node-style, is all there is:
 * "ENOENT: no such file or directory, open '/home/project/x'". A `code`, when present, wins.
 */
export function fsErrorCode(error: unknown): FsErrorCode | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const { code, message } = error as { code?: unknown; message?: unknown };
	const text = `${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`;
	return CODE_PATTERN.exec(text)?.[1] as FsErrorCode | undefined;
}

/**
 * Maps an fs error to a RuntimeFsError on the project-relative path. Errors without a known code
 * (EACCES, a torn-down container…) keep their message, with the operation and path added.
 */
export function toRuntimeFsError(error: unknown, operation: string, path: string): Error {
	if (error instanceof RuntimeFsError) return error;
	const code = fsErrorCode(error);
	if (code) return new RuntimeFsError(code, path);
	const detail = messageOf(error);
	return new Error(`WebContainer could not ${operation} '${path}': ${detail}`, { cause: error });
}
