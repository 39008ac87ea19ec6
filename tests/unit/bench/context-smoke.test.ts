import { describe, expect, it } from 'vitest';
import {
	formatTable,
	generateProject,
	runContextBenchmark,
	SessionBuilder,
	stepCount
} from '../../../bench/context';

function tinySession() {
	const s = new SessionBuilder('tiny', 'Five steps');
	s.user('Rename the pager in the task view.', 0)
		.step('Looking.', s.grep('renderPager', { output_mode: 'files' }))
		.step('Reading.', s.read('src/ui/task-view.ts'), s.read('src/services/task-service.ts'))
		.step('Renaming.', s.edit('src/ui/task-view.ts', 'renderPager(', 'renderTaskPager(', true))
		.step('Checking.', s.bash('bash scripts/check.sh task'))
		.answer('Renamed.');
	return s.build();
}

describe('context benchmark runner', () => {
	it('generates the same project every time, with a realistic size', () => {
		const first = generateProject();
		expect(generateProject()).toEqual(first);
		const files = Object.keys(first);
		expect(files.length).toBeGreaterThanOrEqual(60);
		expect(files.length).toBeLessThanOrEqual(150);
		expect(generateProject({ paginationBug: true })['src/lib/paginate.ts']).toContain(
			'const start = page * pageSize;'
		);
	});

	it('refuses to script an edit that would not match at replay', () => {
		const s = new SessionBuilder('broken', 'broken');
		expect(() => s.edit('src/lib/paginate.ts', 'no such text', 'x')).toThrow(/would fail/);
	});

	it('replays a 5-step session in every variant and measures them', async () => {
		const session = tinySession();
		expect(stepCount(session)).toBe(5);
		const report = await runContextBenchmark({ sessions: [session] });
		const [result] = report.sessions;
		const kiln = result!.variants.kiln!;
		const noClearing = result!.variants['no-clearing']!;
		const noCache = result!.variants['no-cache']!;
		const whole = result!.variants['whole-project']!;

		for (const metrics of [kiln, noClearing, noCache]) expect(metrics.requests).toBe(5);
		// Holding the project, the model skips the grep and the reads: their steps merge into
		// the edit's, so it makes 3 requests (edit, check, answer) and is sent no read results.
		expect(whole.requests).toBe(3);
		expect(whole.answeredFromPaste).toBe(3);
		for (const metrics of [kiln, noClearing, noCache, whole]) {
			expect(metrics.toolFailures).toBe(0);
			expect(metrics.extraRequests).toBe(0);
			expect(metrics.turnProblems).toEqual([]);
			expect(metrics.overflow).toBe(false);
		}
		// The same conversation: the same prompt sizes, billed differently.
		expect(noCache.inputTokens).toBe(kiln.inputTokens);
		expect(noCache.cacheReadTokens).toBe(0);
		expect(kiln.cacheReadShare).toBeGreaterThan(0.5);
		expect(kiln.costInputEquivalents).toBeLessThan(noCache.costInputEquivalents);
		// No prompt cache bills less than the floor of the same prompts.
		for (const metrics of [kiln, noClearing, noCache, whole]) {
			expect(metrics.costInputEquivalents).toBeGreaterThanOrEqual(metrics.floorInputEquivalents);
			expect(metrics.floor5mInputEquivalents).toBeGreaterThanOrEqual(metrics.floorInputEquivalents);
		}
		expect(noCache.floorInputEquivalents).toBe(kiln.floorInputEquivalents);
		// The whole project (tens of thousands of tokens) rides along on every request.
		expect(whole.peakContextTokens).toBeGreaterThan(kiln.peakContextTokens + 50_000);
		expect(report.targets.map((target) => target.name)).toHaveLength(5);
		expect(report.targets.some((target) => target.name.includes('perfect-cache floor'))).toBe(true);
		expect(formatTable(report)).toContain('whole-project');
	}, 60_000);

	it('answers summary requests when a small window forces compaction', async () => {
		const report = await runContextBenchmark({
			sessions: [tinySession()],
			contextWindow: 20_000
		});
		const kiln = report.sessions[0]!.variants.kiln!;
		expect(kiln.compactions).toBeGreaterThan(0);
		// Each summary request got a summary (not a scripted step), and the steps all still ran.
		expect(kiln.compactionRequests).toBe(kiln.compactions);
		expect(kiln.requests).toBe(5 + kiln.compactions);
		expect(kiln.toolFailures).toBe(0);
		expect(kiln.extraRequests).toBe(0);
		expect(kiln.turnProblems).toEqual([]);
	}, 60_000);
});
