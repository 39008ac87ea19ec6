/** Pane sizes are remembered per browser in localStorage: small, synchronous, read before paint. */
const prefix = 'kiln:pane:';

export function clampPercent(value: number, min: number, max: number): number {
	if (!Number.isFinite(value)) return min;
	return Math.min(max, Math.max(min, value));
}

export function loadPaneSize(key: string, fallback: number): number {
	try {
		const stored = localStorage.getItem(prefix + key);
		const value = stored === null ? NaN : Number(stored);
		return Number.isFinite(value) ? value : fallback;
	} catch {
		return fallback;
	}
}

export function savePaneSize(key: string, value: number): void {
	try {
		localStorage.setItem(prefix + key, String(Math.round(value * 10) / 10));
	} catch {
		// Storage full or blocked: the size just isn't remembered.
	}
}
