/**
 * Where project pages run: the deployment's preview origin, read at run time from
 * `<base>/kiln-config.json` (`{ "previewOrigin": "https://…" }`), which `npm start` and the dev
 * server answer themselves and static builds write when KILN_PREVIEW_ORIGIN is set. `null` means
 * none: previews then run in an opaque-origin sandbox.
 */
export const PREVIEW_CONFIG_FILE = 'kiln-config.json';

/** The configured origin, normalised; `null` if missing, malformed, or the IDE's own origin. */
export function parsePreviewOrigin(data: unknown, ideOrigin: string): string | null {
	if (typeof data !== 'object' || data === null) return null;
	const value = (data as Record<string, unknown>).previewOrigin;
	if (typeof value !== 'string' || value === '') return null;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
	// A "preview origin" equal to the IDE's would hand project pages the person's keys.
	return url.origin === ideOrigin ? null : url.origin;
}

export async function loadPreviewOrigin(
	base: string,
	fetchImpl: typeof fetch = fetch
): Promise<string | null> {
	try {
		const response = await fetchImpl(`${base}/${PREVIEW_CONFIG_FILE}`, { cache: 'no-store' });
		if (!response.ok) return null;
		// A static host without the file may answer with the app's HTML: that is "none" too.
		return parsePreviewOrigin(await response.json(), location.origin);
	} catch {
		return null;
	}
}
