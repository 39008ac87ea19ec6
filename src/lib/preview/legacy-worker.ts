/**
 * Earlier versions served previews from a service worker on the IDE's own origin. It must not
 * keep doing so after an update: the IDE origin now runs no worker, so any registration there
 * is that old one, and goes.
 */
export async function forgetIdeWorkers(base: string): Promise<void> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	try {
		const registrations = await navigator.serviceWorker.getRegistrations();
		const scope = new URL(`${base}/`, location.href).href;
		await Promise.all(registrations.filter((r) => r.scope === scope).map((r) => r.unregister()));
	} catch {
		// Nothing to forget, or the browser refuses: the old worker can no longer be reached anyway
		// (the IDE no longer links to /preview/ on its own origin).
	}
}
