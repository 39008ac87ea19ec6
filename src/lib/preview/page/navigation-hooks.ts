import type { Report } from './reporter';

/** The part of a window the navigation hooks use. */
export interface NavigationTarget {
	readonly location: { readonly href: string };
	readonly history: Pick<History, 'pushState' | 'replaceState'>;
	addEventListener(type: string, listener: () => void): void;
}

/**
 * Tells the IDE where the page is, now and after every in-page navigation (hash links, back and
 * forward, a router's pushState). `tell` is the address-bar message (bridge.ts); `report` puts a
 * navigation entry in the log.
 */
export function hookNavigation(
	target: NavigationTarget,
	tell: (href: string) => void,
	report: Report
): void {
	let last = '';
	const changed = () => {
		const href = target.location.href;
		tell(href);
		if (href === last) return;
		last = href;
		report({ kind: 'navigation', level: 'info', text: `Navigated to ${href}`, url: href });
	};
	changed();
	target.addEventListener('hashchange', changed);
	target.addEventListener('popstate', changed);
	for (const method of ['pushState', 'replaceState'] as const) {
		const original = target.history[method];
		target.history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
			const result = original.apply(this, args);
			changed();
			return result;
		};
	}
}
