import type { TurnUsage } from '$lib/state/chat';

/** 950 → "950", 1234 → "1.2k", 56_789 → "57k", 1_234_567 → "1.2M". */
export function formatTokens(count: number): string {
	if (count < 1000) return String(count);
	if (count < 10_000) return `${trimZero((count / 1000).toFixed(1))}k`;
	if (count < 1_000_000) return `${Math.round(count / 1000)}k`;
	return `${trimZero((count / 1_000_000).toFixed(1))}M`;
}

function trimZero(text: string): string {
	return text.replace(/\.0$/, '');
}

/**
 * "1.2k in · 300 out · 800 cached": "in" counts every input token (cached or not), so "cached"
 * reads as the part of it that came from the prompt cache.
 */
export function formatUsage(usage: TurnUsage): string {
	const input = usage.input + usage.cacheRead + usage.cacheWrite;
	const parts = [`${formatTokens(input)} in`, `${formatTokens(usage.output)} out`];
	if (usage.cacheRead > 0) parts.push(`${formatTokens(usage.cacheRead)} cached`);
	if (usage.cacheWrite > 0) parts.push(`${formatTokens(usage.cacheWrite)} to cache`);
	return parts.join(' · ');
}

/** 400 → "0.4 s", 12_300 → "12 s", 75_000 → "1 min 15 s". */
export function formatDuration(ms: number): string {
	if (ms < 10_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
