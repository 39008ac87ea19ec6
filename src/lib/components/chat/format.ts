import type { TurnUsage } from '$lib/state/chat';
import { formatTokens } from '$lib/state/chat';

export { formatTokens };

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

/** 340 → "340 ms", 1_400 → "1.4 s", 12_300 → "12 s", 75_000 → "1 min 15 s". */
export function formatDuration(ms: number): string {
	// Under a second, tenths of a second would round a quick call down to "0 s".
	if (ms < 999.5) return `${Math.max(0, Math.round(ms))} ms`;
	if (ms < 10_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** 0.8412 → "$0.84", 0.0031 → "$0.003", 12.5 → "$12.50". */
export function formatCost(usd: number): string {
	if (usd > 0 && usd < 0.01) return `$${usd.toPrecision(1)}`;
	return `$${usd.toFixed(2)}`;
}

/**
 * A bash card's output without its closing "Exit code: N" line: the card shows the exit code
 * itself, once. Anything else the tool said (a timeout, a stop, bytes not kept) stays.
 */
export function withoutExitLine(output: string, exitCode: number | undefined): string {
	if (exitCode === undefined) return output;
	return output.replace(
		new RegExp(`\\n*Exit code: ${exitCode}(?=\\n\\(The command printed|$)`),
		''
	);
}
