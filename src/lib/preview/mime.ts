import { lookup } from 'mrmime';

/**
 * Where mrmime's table (the IANA registry) is wrong for a preview: `.ts` is a TypeScript
 * source here, not an MPEG stream, and sources the browser cannot run are best shown as text.
 */
const overrides: Readonly<Record<string, string>> = {
	ico: 'image/x-icon',
	ts: 'text/plain',
	tsx: 'text/plain',
	jsx: 'text/plain',
	mts: 'text/plain',
	cts: 'text/plain',
	svelte: 'text/plain',
	vue: 'text/plain',
	map: 'application/json'
};

/** Textual types get an explicit charset so UTF-8 files never render as Latin-1. */
function isTextual(type: string): boolean {
	return (
		type.startsWith('text/') ||
		type === 'application/json' ||
		type === 'application/javascript' ||
		type === 'application/xml' ||
		type === 'image/svg+xml' ||
		type === 'application/manifest+json'
	);
}

/** The Content-Type header for a project file, chosen by its extension. */
export function contentTypeFor(path: string): string {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	// README, LICENSE, Makefile: show them rather than offer a download.
	if (dot <= 0) return 'text/plain; charset=utf-8';
	const extension = name.slice(dot + 1).toLowerCase();
	const type = overrides[extension] ?? lookup(extension) ?? 'application/octet-stream';
	return isTextual(type) ? `${type}; charset=utf-8` : type;
}
