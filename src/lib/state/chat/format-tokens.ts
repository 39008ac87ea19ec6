/** 950 → "950", 1234 → "1.2k", 56_789 → "57k", 1_234_567 → "1.2M". */
export function formatTokens(count: number): string {
	const n = Math.max(0, Math.round(count));
	if (n < 1000) return String(n);
	if (n < 10_000) return `${trimZero((n / 1000).toFixed(1))}k`;
	if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
	return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

function trimZero(text: string): string {
	return text.replace(/\.0$/, '');
}
