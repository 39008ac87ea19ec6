/**
 * Whether a command's word names a place outside the project. On a real machine (the CLI) a
 * command that "only reads" still reads anything it is pointed at: `cat ~/.ssh/id_rsa`,
 * `grep -a KEY /proc/*\/environ` (another process's environment). The file tools refuse paths
 * outside the project; read-only commands must not run unasked where the tools would refuse.
 *
 * Lexical, so it cannot see symbolic links, and deliberately narrow about what an absolute path
 * is (its first folder is one a Unix system has), so `grep '/api/'` and `sed -n '/a/,/b/p'`
 * stay read-only.
 */
import { normalizePathLoose } from './path-text';

const SYSTEM_FOLDERS = new Set([
	'Applications',
	'Library',
	'System',
	'Users',
	'Volumes',
	'bin',
	'boot',
	'dev',
	'etc',
	'home',
	'lib',
	'lib64',
	'media',
	'mnt',
	'nix',
	'opt',
	'private',
	'proc',
	'root',
	'run',
	'sbin',
	'snap',
	'srv',
	'sys',
	'tmp',
	'usr',
	'var'
]);

/** The word (or the value after `=` in `--option=value`) when it names a place outside `root`. */
export function outsidePath(word: string, root: string): string | undefined {
	const value = /^--?[A-Za-z][\w-]*=/.test(word) ? word.slice(word.indexOf('=') + 1) : word;
	if (value === '/dev/null') return undefined;
	if (value.startsWith('~')) return value;
	if (value.startsWith('/')) {
		const normal = normalizePathLoose(value);
		const top = normal.split('/')[0] ?? '';
		if (normal !== '' && !SYSTEM_FOLDERS.has(top)) return undefined;
		const base = normalizePathLoose(root);
		return base !== '' && (normal === base || normal.startsWith(`${base}/`)) ? undefined : value;
	}
	return normalizePathLoose(value).split('/')[0] === '..' ? value : undefined;
}
