const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** "812 bytes", "4.2 KB", "31 MB": powers of 1000, as browsers and disks count. */
export function formatBytes(bytes: number): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit++;
	}
	if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
