/**
 * The address bar shows a path inside the preview (`/about.html`), not the full URL: the
 * preview's root is `url` (a WebContainer origin, or /preview/<id>/ for static previews).
 */
import { isInsidePreview } from '$lib/preview';

/** The preview's root as an absolute URL ending in a slash. */
export function previewRoot(url: string, pageHref: string): URL {
	const root = new URL(url, pageHref);
	root.hash = '';
	root.search = '';
	if (!root.pathname.endsWith('/')) root.pathname += '/';
	return root;
}

/** The address shown for `href` (a page inside the preview), or null if it lies outside. */
export function addressFor(href: string, root: URL): string | null {
	let url: URL;
	try {
		url = new URL(href);
	} catch {
		return null;
	}
	if (!isInsidePreview(url, root)) return null;
	return `/${url.pathname.slice(root.pathname.length)}${url.search}${url.hash}`;
}

/** The URL to load for an address typed by the person; it always stays inside the preview. */
export function hrefFor(address: string, root: URL): string {
	const relative = address.trim().replace(/^\/+/, '');
	const url = new URL(relative, root);
	// `../` in a typed address must not climb out of the preview's root.
	if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return root.href;
	return url.href;
}
