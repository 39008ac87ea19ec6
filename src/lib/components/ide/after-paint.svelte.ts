import { onMount } from 'svelte';

/**
 * Becomes true in the frame after the one that paints the calling component: parts beside the
 * shell (the Console, the Processes panel) fetch their code then, so the first paint stays within
 * its budget. Call it while a component initialises.
 */
export function afterFirstPaint(): { readonly ready: boolean } {
	let ready = $state(false);
	onMount(() => {
		let frame = requestAnimationFrame(() => {
			frame = requestAnimationFrame(() => (ready = true));
		});
		return () => cancelAnimationFrame(frame);
	});
	return {
		get ready() {
			return ready;
		}
	};
}
