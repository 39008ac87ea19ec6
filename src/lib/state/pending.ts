// What the project's session waits on (project-session.svelte.ts).
import type { Runtime } from '$lib/runtime';

/** A promise resolved from outside (Promise.withResolvers, which Node 20 lacks). */
export function settleLater<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((done) => (resolve = done));
	return { promise, resolve };
}

/** Disposes a runtime still being made for a project that will not open. */
export function disposeWhenMade(runtime: Promise<Runtime>): Promise<void> {
	return runtime.then((made) => made.dispose()).catch(() => {});
}
