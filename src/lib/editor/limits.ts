/** Files above this size open read-only and without syntax highlighting, so the tab stays fluid. */
export const HUGE_FILE_BYTES = 5 * 1024 * 1024;

/** A byte count as a person reads it: "812 B", "12.4 KB", "6.2 MB". */
export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
