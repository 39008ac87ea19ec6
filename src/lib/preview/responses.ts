import { contentTypeFor } from './mime';

/**
 * Headers on every response the preview worker builds. The IDE page is cross-origin isolated
 * (COEP credentialless), so a frame it embeds must send a COEP of its own, and, being on
 * another origin, a CORP that lets the IDE embed it; `no-store` makes a reload after a saved
 * edit fetch the new file.
 */
export function previewHeaders(contentType: string): Record<string, string> {
	return {
		'Content-Type': contentType,
		'Cache-Control': 'no-store',
		'Cross-Origin-Embedder-Policy': 'credentialless',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Resource-Policy': 'cross-origin',
		'X-Content-Type-Options': 'nosniff'
	};
}

export function fileResponse(path: string, body: Uint8Array): Response {
	// A copy typed over a plain ArrayBuffer: BodyInit does not accept SharedArrayBuffer views.
	const bytes = new Uint8Array(body);
	return new Response(bytes, { status: 200, headers: previewHeaders(contentTypeFor(path)) });
}

/** `location` must be absolute: a synthetic response has no URL to resolve a relative one against. */
export function redirectResponse(location: string): Response {
	return new Response(null, {
		status: 302,
		headers: { ...previewHeaders('text/plain; charset=utf-8'), Location: location }
	});
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A small self-contained HTML page (no external styles: it must render under COEP). */
export function errorPageResponse(status: number, title: string, detail: string): Response {
	const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 2rem; line-height: 1.5; max-width: 40rem; }
h1 { font-size: 1.25rem; }
code { font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${detail}</p>
</body>
</html>
`;
	return new Response(html, { status, headers: previewHeaders('text/html; charset=utf-8') });
}

export function notFoundResponse(path: string): Response {
	return errorPageResponse(
		404,
		`File not found: ${path}`,
		`The project has no file <code>${escapeHtml(path)}</code>. Create it, or fix the link that points here.`
	);
}

export function badRequestResponse(reason: string): Response {
	return errorPageResponse(400, 'Invalid preview address', `${escapeHtml(reason)}`);
}

export function readErrorResponse(path: string, message: string): Response {
	return errorPageResponse(
		500,
		`Could not read ${path}`,
		`Kiln failed to read <code>${escapeHtml(path)}</code>: ${escapeHtml(message)}. Reload the preview; if it persists, reload the Kiln tab.`
	);
}

export function projectNotOpenResponse(projectId: string): Response {
	return errorPageResponse(
		503,
		'Project not open',
		`No Kiln tab has the project <code>${escapeHtml(projectId)}</code> open, and the preview is served from that tab. Open the project in Kiln, then reload this page.`
	);
}

export function timeoutResponse(path: string, timeoutMs: number): Response {
	return errorPageResponse(
		504,
		'The Kiln tab did not answer',
		`The preview asked the Kiln tab for <code>${escapeHtml(path)}</code> and got no answer within ${Math.round(timeoutMs / 1000)} seconds. Make sure the project is open in Kiln, then reload the preview (or reload the Kiln tab if it is stuck).`
	);
}
