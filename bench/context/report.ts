/** The benchmark's table, its target checks, and the JSON it writes. */
import type { RunMetrics } from './harness/metrics';
import type { VariantId } from './harness/variants';

export interface SessionReport {
	id: string;
	title: string;
	scriptedSteps: number;
	variants: Partial<Record<VariantId, RunMetrics>>;
}

export interface TargetCheck {
	name: string;
	pass: boolean;
	detail: string;
}

export interface BenchReport {
	benchmark: 'context';
	model: string;
	contextWindow: number;
	tokenizer: string;
	simulator: { stepMs: number; minimumTokens: number; ttlMs: number; lookbackBlocks: number };
	sessions: SessionReport[];
	targets: TargetCheck[];
}

export const TARGETS = {
	minCacheReadShare: 0.9,
	maxCostVsNoCache: 0.2,
	maxPeakShare: 0.8,
	maxCostVsFloor: 1.15
};

/** The targets, checked on Kiln's variant of every session. */
export function checkTargets(sessions: SessionReport[]): TargetCheck[] {
	const checks: TargetCheck[] = [];
	for (const session of sessions) {
		const kiln = session.variants.kiln;
		if (!kiln) continue;
		checks.push({
			name: `${session.id}: cache-read share ≥ ${TARGETS.minCacheReadShare}`,
			pass: kiln.cacheReadShare >= TARGETS.minCacheReadShare,
			detail: kiln.cacheReadShare.toFixed(3)
		});
		const baseline = session.variants['no-cache'];
		if (baseline) {
			const ratio = kiln.costInputEquivalents / Math.max(1, baseline.costInputEquivalents);
			checks.push({
				name: `${session.id}: cost ≤ ${TARGETS.maxCostVsNoCache}× the no-cache baseline`,
				pass: ratio <= TARGETS.maxCostVsNoCache,
				detail: `${ratio.toFixed(3)}×`
			});
		}
		const distance = kiln.costVsFloor - TARGETS.maxCostVsFloor;
		checks.push({
			name: `${session.id}: cost ≤ ${TARGETS.maxCostVsFloor}× the perfect-cache floor`,
			pass: distance <= 0,
			detail: `${kiln.costVsFloor.toFixed(3)}×, ${Math.abs(distance).toFixed(3)} ${distance <= 0 ? 'under' : 'over'}`
		});
		checks.push({
			name: `${session.id}: peak context < ${TARGETS.maxPeakShare * 100}% of the window`,
			pass: kiln.peakContextShare < TARGETS.maxPeakShare && !kiln.overflow,
			detail: `${(kiln.peakContextShare * 100).toFixed(1)}%`
		});
		checks.push({
			name: `${session.id}: no overflow`,
			pass: !kiln.overflow,
			detail: kiln.overflow ? kiln.refusals.join('; ') || 'peak above the window' : 'none'
		});
	}
	return checks;
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (n: number) => `${(n * 100).toFixed(1)}%`;

export function formatTable(report: BenchReport): string {
	const header = [
		'session',
		'variant',
		'requests',
		'input tok',
		'uncached',
		'write',
		'read',
		'read share',
		'cost (in-eq)',
		'vs no-cache',
		'floor',
		'×floor',
		'floor 5m',
		'peak ctx',
		'peak %',
		'clear',
		'compact',
		'overflow',
		'tool err'
	];
	const rows: string[][] = [];
	for (const session of report.sessions) {
		const baseline = session.variants['no-cache']?.costInputEquivalents;
		for (const [variant, m] of Object.entries(session.variants)) {
			if (!m) continue;
			rows.push([
				session.id,
				variant,
				String(m.requests),
				thousands(m.inputTokens),
				thousands(m.uncachedTokens),
				thousands(m.cacheWriteTokens),
				thousands(m.cacheReadTokens),
				m.cacheReadShare.toFixed(3),
				thousands(m.costInputEquivalents),
				baseline ? `${(m.costInputEquivalents / baseline).toFixed(3)}×` : '—',
				thousands(m.floorInputEquivalents),
				`${m.costVsFloor.toFixed(3)}×`,
				thousands(m.floor5mInputEquivalents),
				thousands(m.peakContextTokens),
				percent(m.peakContextShare),
				String(m.clearings),
				String(m.compactions),
				m.overflow ? 'YES' : 'no',
				String(m.toolFailures)
			]);
		}
	}
	const widths = header.map((title, i) =>
		Math.max(title.length, ...rows.map((row) => row[i]!.length))
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
			.join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatTargets(targets: TargetCheck[]): string {
	return targets
		.map((check) => `${check.pass ? 'PASS' : 'MISS'}  ${check.name}  (${check.detail})`)
		.join('\n');
}
