/**
 * Keeps Kiln usable offline and tells the person when a new version is deployed. The app-shell
 * worker (src/service-worker.ts) is registered once the page has settled; a newer worker found
 * later installs and waits. `ready` then turns true for the notice; nothing reloads until the
 * person presses Reload in this tab (other tabs keep running, and keep their unsaved work).
 */
import { base } from '$app/paths';

export class AppUpdate {
	/** A new version is installed and waits for a reload. */
	ready = $state(false);
	#waiting: ServiceWorker | null = null;
	#reloadAsked = false;

	/** Registers the worker; resolves once it is registered (or at once where none can be). */
	async start(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const workers = navigator.serviceWorker;
		workers.addEventListener('controllerchange', () => {
			if (this.#reloadAsked) location.reload();
		});
		const registration = await workers.register(`${base}/service-worker.js`, {
			scope: `${base}/`
		});
		const whenInstalled = (worker: ServiceWorker | null) =>
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'installed') this.#offer(worker);
			});
		// A new version may already wait, or be installing, from before this page started.
		if (registration.waiting) this.#offer(registration.waiting);
		whenInstalled(registration.installing);
		registration.addEventListener('updatefound', () => whenInstalled(registration.installing));
		// A tab left open for days still hears of a deploy: look again whenever it is shown.
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void registration.update().catch(() => {});
		});
	}

	/** The first worker of all (no page controlled yet) is not an update. */
	#offer(worker: ServiceWorker): void {
		if (!navigator.serviceWorker.controller) return;
		this.#waiting = worker;
		this.ready = true;
	}

	/** Lets the waiting version take over, then reloads this tab onto it. */
	reload(): void {
		const waiting = this.#waiting;
		if (!waiting || waiting.state === 'activated' || waiting.state === 'redundant') {
			// Another tab already switched to it: loading the page again is all that is left.
			location.reload();
			return;
		}
		this.#reloadAsked = true;
		waiting.postMessage({ type: 'skip-waiting' });
	}
}
