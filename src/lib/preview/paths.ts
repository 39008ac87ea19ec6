/**
 * Preview URLs: `<base>/preview/<projectId>/<file path>`. Pure string work, shared by the
 * service worker (which routes requests) and the page (which hands out URLs).
 */

const PREVIEW_SEGMENT = 'preview';

function previewPrefix(base: string): string {
	return `${base}/${PREVIEW_SEGMENT}/`;
}

function encodePath(path: string): string {
	return path
		.split('/')
		.filter((segment) => segment !== '')
		.map(encodeURIComponent)
		.join('/');
}

/** The URL (path only, relative to the origin) that previews `filePath` of a project. */
export function previewUrl(projectId: string, filePath = '', base = ''): string {
	const encoded = encodePath(filePath);
	const trailing = filePath.endsWith('/') && encoded !== '' ? '/' : '';
	return `${previewPrefix(base)}${encodeURIComponent(projectId)}/${encoded}${trailing}`;
}

export type ResolvedFilePath =
	| { readonly ok: true; readonly path: string; readonly explicitDirectory: boolean }
	| { readonly ok: false; readonly reason: string };

function decodeSegment(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

/**
 * Turns the URL part after `/preview/<id>/` into a project-relative file path: percent-decoded,
 * `.` and empty segments dropped, `..` refused (the preview must never reach outside the
 * project), and a folder (`''` or a trailing slash) mapped to its index.html.
 */
export function resolveFilePath(raw: string): ResolvedFilePath {
	const explicitDirectory = raw === '' || raw.endsWith('/');
	const segments: string[] = [];
	for (const segment of raw.split('/')) {
		if (segment === '') continue;
		const decoded = decodeSegment(segment);
		if (decoded === null) {
			return { ok: false, reason: `The path segment '${segment}' is not valid percent-encoding.` };
		}
		if (decoded === '..') {
			return { ok: false, reason: "'..' is not allowed in a preview path." };
		}
		if (decoded === '.') continue;
		if (/[/\\\0]/.test(decoded)) {
			return { ok: false, reason: `The path segment '${decoded}' contains a slash or NUL.` };
		}
		segments.push(decoded);
	}
	const path = segments.join('/');
	if (explicitDirectory)
		return { ok: true, path: path ? `${path}/index.html` : 'index.html', explicitDirectory };
	return { ok: true, path, explicitDirectory };
}

export type PreviewRoute =
	| {
			readonly kind: 'file';
			readonly projectId: string;
			readonly path: string;
			/** The URL named a folder (trailing slash), so there is no folder fallback to try. */
			readonly explicitDirectory: boolean;
	  }
	/** `location` is relative to the request URL's origin. */
	| { readonly kind: 'redirect'; readonly location: string }
	| { readonly kind: 'invalid'; readonly reason: string };

/** The project whose preview `pageUrl` shows, when it is a preview page of this origin. */
export function previewProjectOf(pageUrl: string, origin: string, base: string): string | null {
	let url: URL;
	try {
		url = new URL(pageUrl);
	} catch {
		return null;
	}
	if (url.origin !== origin) return null;
	const prefix = previewPrefix(base);
	if (!url.pathname.startsWith(prefix)) return null;
	const rest = url.pathname.slice(prefix.length);
	const slash = rest.indexOf('/');
	const projectId = decodeSegment(slash === -1 ? rest : rest.slice(0, slash));
	return projectId ? projectId : null;
}

/**
 * Decides what the service worker does with a same-origin GET: `null` lets it pass through
 * untouched (the IDE itself); otherwise a file to serve, a redirect or a refusal.
 *
 * Root-relative references inside a preview (`<link href="/style.css">`) leave the
 * `/preview/<id>/` prefix; the request's referrer tells us which preview made them, and we
 * redirect them back under it so ordinary static sites work.
 */
export function routePreviewRequest(url: URL, referrer: string, base: string): PreviewRoute | null {
	const prefix = previewPrefix(base);
	const { pathname, search } = url;

	if (pathname === prefix.slice(0, -1) || pathname === prefix) {
		return {
			kind: 'invalid',
			reason: 'The preview URL names no project: use /preview/<project id>/.'
		};
	}
	if (pathname.startsWith(prefix)) {
		const rest = pathname.slice(prefix.length);
		const slash = rest.indexOf('/');
		// Without the trailing slash, relative links inside index.html would resolve one level up.
		if (slash === -1) return { kind: 'redirect', location: `${pathname}/${search}` };
		const projectId = decodeSegment(rest.slice(0, slash));
		if (!projectId) return { kind: 'invalid', reason: 'The preview URL has no valid project id.' };
		const resolved = resolveFilePath(rest.slice(slash + 1));
		if (!resolved.ok) return { kind: 'invalid', reason: resolved.reason };
		return {
			kind: 'file',
			projectId,
			path: resolved.path,
			explicitDirectory: resolved.explicitDirectory
		};
	}

	const owner = previewProjectOf(referrer, url.origin, base);
	if (owner !== null && (pathname === base || pathname.startsWith(`${base}/`))) {
		const inner = pathname.slice(base.length).replace(/^\/+/, '');
		return {
			kind: 'redirect',
			location: `${prefix}${encodeURIComponent(owner)}/${inner}${search}`
		};
	}
	return null;
}

/** The URL of the folder whose index.html answered a slash-less request. */
export function folderUrl(url: URL): string {
	return `${url.pathname}/${url.search}`;
}

/** Whether a window client is itself a preview (it never answers preview requests). */
export function isPreviewPage(clientUrl: string, base: string): boolean {
	try {
		return new URL(clientUrl).pathname.startsWith(previewPrefix(base));
	} catch {
		return false;
	}
}

/**
 * Whether `url` is a page or file of the preview whose root is `root` (same origin, under its
 * path): the one test the address bar, the bridge's source paths and the preview tool share.
 */
export function isInsidePreview(url: URL, root: URL): boolean {
	return url.origin === root.origin && url.pathname.startsWith(root.pathname);
}
