import type { RuntimeKind } from '$lib/runtime';

/**
 * What the Runtime status shows. `phase` is `settled` once no runtime change is pending, so a
 * person (and a test) can tell "still trying WebContainer" from "staying offline, because…".
 */
export interface RuntimeStatusView {
	readonly kind: RuntimeKind | null;
	readonly label: string;
	readonly detail: string;
	readonly phase: 'starting' | 'upgrading' | 'settled';
}

export const loadingStatus: RuntimeStatusView = {
	kind: null,
	label: 'Starting…',
	detail: 'loading your project',
	phase: 'starting'
};

export function offlineStatus(
	detail: string,
	phase: RuntimeStatusView['phase'] = 'settled'
): RuntimeStatusView {
	return { kind: 'browser', label: 'Offline runtime', detail, phase };
}

export function webContainerStatus(): RuntimeStatusView {
	return {
		kind: 'webcontainer',
		label: 'WebContainer',
		detail: 'Node.js and npm run in this tab',
		phase: 'settled'
	};
}
