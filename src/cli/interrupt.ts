/**
 * Ctrl+C aborts the work through an AbortSignal so tools and the model stream end cleanly and
 * what was cut is recorded; a second Ctrl+C gives up waiting and exits at once (130, as shells do).
 */
export function abortOnInterrupt(controller: AbortController, onFirst: () => void): () => void {
	let interrupted = false;
	const handler = () => {
		if (interrupted) process.exit(130);
		interrupted = true;
		onFirst();
		controller.abort();
	};
	process.on('SIGINT', handler);
	return () => void process.off('SIGINT', handler);
}
