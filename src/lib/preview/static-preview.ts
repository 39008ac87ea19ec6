import { base } from '$app/paths';
import { connectPreviewHost } from './host-bridge';
import { forgetIdeWorkers } from './legacy-worker';
import { previewUrl } from './paths';
import { loadPreviewOrigin } from './preview-config';

export type StaticPreview =
	/** Served by the preview origin's worker at `url` (absolute, on that origin). */
	| { readonly kind: 'origin'; readonly url: string; stop(): void }
	/** No preview origin: the IDE shows index.html itself, in an opaque-origin sandbox. */
	| { readonly kind: 'sandbox'; stop(): void };

/**
 * Serves the project's files to the preview origin for the browser runtime, and resolves once
 * its worker is active, so the URL works at once. Project pages never run on the IDE's origin.
 */
export async function startStaticPreview(options: {
	projectId: string;
	readFile: (path: string) => Promise<Uint8Array | null>;
}): Promise<StaticPreview> {
	void forgetIdeWorkers(base);
	const previewOrigin = await loadPreviewOrigin(base);
	if (!previewOrigin) return { kind: 'sandbox', stop: () => {} };
	const stop = await connectPreviewHost({ previewOrigin, ...options });
	return { kind: 'origin', url: new URL(previewUrl(options.projectId), previewOrigin).href, stop };
}
