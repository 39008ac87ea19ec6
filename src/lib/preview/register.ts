import { dev } from '$app/environment';
import { base } from '$app/paths';

const ACTIVATION_TIMEOUT_MS = 15_000;

/** Why a static preview cannot be shown, in words a person can act on. */
export class PreviewUnavailableError extends Error {
	override readonly name = 'PreviewUnavailableError';
}

let pending: Promise<ServiceWorkerRegistration> | undefined;

function waitForActivation(registration: ServiceWorkerRegistration): Promise<void> {
	if (registration.active) return Promise.resolve();
	const worker = registration.installing ?? registration.waiting;
	if (!worker) return Promise.resolve();
	return new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			worker.removeEventListener('statechange', onChange);
			reject(
				new PreviewUnavailableError(
					'The preview worker did not start within 15 seconds. Reload the page to try again.'
				)
			);
		}, ACTIVATION_TIMEOUT_MS);
		function onChange() {
			if (worker?.state === 'activated' || registration.active) {
				clearTimeout(timer);
				worker?.removeEventListener('statechange', onChange);
				resolve();
			} else if (worker?.state === 'redundant') {
				clearTimeout(timer);
				worker.removeEventListener('statechange', onChange);
				reject(
					new PreviewUnavailableError(
						'The preview worker failed to install. Reload the page; if it persists, clear this site’s data.'
					)
				);
			}
		}
		worker.addEventListener('statechange', onChange);
		onChange();
	});
}

async function register(): Promise<ServiceWorkerRegistration> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
		throw new PreviewUnavailableError(
			'This browser does not allow service workers here (a private window, or a page not served over HTTPS), so the static preview cannot run. Open Kiln in a normal window over HTTPS or on localhost.'
		);
	}
	let registration: ServiceWorkerRegistration;
	try {
		registration = await navigator.serviceWorker.register(`${base}/service-worker.js`, {
			// In dev SvelteKit serves the worker as an ES module; the build bundles it.
			type: dev ? 'module' : 'classic',
			scope: `${base}/`,
			updateViaCache: 'none'
		});
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new PreviewUnavailableError(
			`The preview worker could not be registered (${reason}). Reload the page to try again.`
		);
	}
	await waitForActivation(registration);
	return registration;
}

/**
 * Registers the preview service worker once per page and resolves when it is active, which
 * is all an iframe navigation to /preview/… needs (the worker need not control this page).
 */
export function registerPreviewWorker(): Promise<ServiceWorkerRegistration> {
	pending ??= register().catch((error: unknown) => {
		pending = undefined;
		throw error;
	});
	return pending;
}
