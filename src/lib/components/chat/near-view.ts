/**
 * Which parts of the conversation are on screen or about to be: a long chat renders the Markdown
 * of old replies only when the person scrolls near them (until then they show as plain text,
 * which in-page find still searches). One IntersectionObserver for the whole log.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('chat-near-view');

/** How far outside the visible part of the log a reply is rendered ahead of time. */
const AHEAD = '1200px 0px';

export class NearView {
	#observer: IntersectionObserver | null = null;
	readonly #waiting = new Map<Element, () => void>();

	/** The scrolling log; until it is known, replies wait (the first frame shows plain text). */
	setRoot(root: Element | null): void {
		this.#observer?.disconnect();
		this.#observer = null;
		if (!root) return;
		if (typeof IntersectionObserver !== 'function') {
			for (const onNear of this.#waiting.values()) onNear();
			this.#waiting.clear();
			return;
		}
		this.#observer = new IntersectionObserver((entries) => this.#seen(entries), {
			root,
			rootMargin: AHEAD
		});
		for (const element of this.#waiting.keys()) this.#observer.observe(element);
	}

	/** Calls `onNear` once, when `element` comes near the visible part; returns a cancel. */
	watch(element: Element, onNear: () => void): () => void {
		this.#waiting.set(element, onNear);
		this.#observer?.observe(element);
		return () => {
			this.#waiting.delete(element);
			this.#observer?.unobserve(element);
		};
	}

	#seen(entries: IntersectionObserverEntry[]): void {
		for (const entry of entries) {
			if (!entry.isIntersecting) continue;
			const onNear = this.#waiting.get(entry.target);
			this.#waiting.delete(entry.target);
			this.#observer?.unobserve(entry.target);
			onNear?.();
		}
	}
}

export function provideNearView(view: NearView): void {
	setContext(KEY, view);
}

/** The log's NearView, or undefined outside a chat log (render at once). */
export function nearView(): NearView | undefined {
	return getContext<NearView | undefined>(KEY);
}
