/**
 * `./a//b/../c` → `a/c`, `/x/../y` → `y` (no leading slash), backslashes read as slashes. A `..`
 * above the start stays, so a path that climbs out still shows it.
 */
export function normalizePathLoose(path: string): string {
	const parts: string[] = [];
	for (const part of path.trim().normalize('NFC').replace(/\\/g, '/').split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
		else parts.push(part);
	}
	return parts.join('/');
}
