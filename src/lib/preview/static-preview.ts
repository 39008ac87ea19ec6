import { base } from '$app/paths';
import { previewUrl } from './paths';
import { registerPreviewWorker } from './register';
import { installPreviewResponder } from './responder';

export interface StaticPreview {
	/** The URL to give the Preview component: `<base>/preview/<projectId>/`. */
	readonly url: string;
	/** Stops answering the worker for this project. */
	stop(): void;
}

/**
 * Serves the project's files at /preview/<projectId>/ for the browser runtime: answers the
 * worker from `readFile`, and resolves once the worker is active, so the URL works at once.
 */
export async function startStaticPreview(options: {
	projectId: string;
	readFile: (path: string) => Promise<Uint8Array | null>;
}): Promise<StaticPreview> {
	// Answer first: an iframe may load the URL as soon as the worker is active.
	const stop = installPreviewResponder(options);
	try {
		await registerPreviewWorker();
	} catch (error) {
		stop();
		throw error;
	}
	return { url: previewUrl(options.projectId, '', base), stop };
}
