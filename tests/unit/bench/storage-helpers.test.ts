import { describe, expect, it } from 'vitest';
import { FIXTURE_DEFAULTS, fingerprint, generateFixture } from '../../../bench/storage/fixture';
import {
	aggregate,
	base64UrlLength,
	buildGoals,
	buildRows,
	checkGoal,
	formatBytes,
	formatRatio,
	formatTable,
	median,
	pairedRatio
} from '../../../bench/storage/report';
import { editedText, pickEditedFile } from '../../../bench/storage/page/timing';

const sizeOf = (data: string | Uint8Array) =>
	typeof data === 'string' ? data.length : data.length;

describe('storage benchmark fixture', () => {
	it('is the same project on every run', () => {
		const options = { fileCount: 300, totalBytes: 3_000_000 };
		const first = generateFixture(options);
		const second = generateFixture(options);
		expect(Object.keys(second.files)).toEqual(Object.keys(first.files));
		expect(fingerprint(second.files)).toBe(fingerprint(first.files));
	});

	it(
		'is 2,000 files, exactly 30 MiB, some binary, nested, of mixed sizes',
		{ timeout: 60_000 },
		() => {
			const first = generateFixture();
			const entries = Object.entries(first.files);
			expect(entries).toHaveLength(FIXTURE_DEFAULTS.fileCount);
			expect(entries.reduce((sum, [, data]) => sum + sizeOf(data), 0)).toBe(30 * 1024 * 1024);
			const binary = entries.filter(([, data]) => data instanceof Uint8Array);
			expect(binary).toHaveLength(first.binaryCount);
			expect(first.binaryCount).toBeGreaterThan(0);
			expect(binary.reduce((sum, [, data]) => sum + sizeOf(data), 0)).toBe(first.binaryBytes);
			// Text is ASCII, so its length is its size in bytes.
			const text = entries.filter(([, data]) => typeof data === 'string') as [string, string][];
			expect(text.every(([, data]) => /^[\t\n -~]*$/.test(data))).toBe(true);
			const depths = new Set(entries.map(([path]) => path.split('/').length));
			expect(depths.size).toBeGreaterThanOrEqual(3);
			const sizes = text.map(([, data]) => data.length);
			expect(Math.max(...sizes)).toBeGreaterThan(20 * Math.min(...sizes));
		}
	);

	it('changes with the seed and honours a smaller size', () => {
		const small = generateFixture({ fileCount: 50, totalBytes: 100_000, seed: 1 });
		const other = generateFixture({ fileCount: 50, totalBytes: 100_000, seed: 2 });
		expect(fingerprint(small.files)).not.toBe(fingerprint(other.files));
		expect(Object.values(small.files).reduce((sum, data) => sum + sizeOf(data), 0)).toBe(100_000);
		expect(() => generateFixture({ fileCount: 10, totalBytes: 5 })).toThrow(/at least one byte/);
	});

	it('edits a typical text file to new bytes of about the same size', () => {
		const { files } = generateFixture({ fileCount: 200, totalBytes: 2_000_000, seed: 3 });
		const path = pickEditedFile(files);
		const original = files[path] as string;
		expect(original.length).toBeGreaterThanOrEqual(8_192);
		expect(original.length).toBeLessThanOrEqual(12_288);
		const first = editedText(original, 1);
		expect(first).not.toBe(original);
		expect(editedText(original, 2)).not.toBe(first);
		expect(Math.abs(first.length - original.length)).toBeLessThan(64);
	});
});

describe('storage benchmark report', () => {
	it('takes medians per value and says null when a run had none', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		const result = aggregate('checkpoint', [
			{ values: { bareMs: 3, kilnMs: null }, notes: ['n/a (checkpoints not implemented)'] },
			{ values: { bareMs: 1, kilnMs: null }, notes: ['n/a (checkpoints not implemented)'] },
			{ values: { bareMs: 2, kilnMs: 9 }, notes: [] }
		]);
		expect(result.medians).toEqual({ bareMs: 2, kilnMs: null });
		expect(result.notes).toEqual(['n/a (checkpoints not implemented)']);
	});

	it("takes Kiln/bare as the median of each run's own ratio", () => {
		const restore = aggregate('restore', [
			{ values: { kilnMs: 2, bareMs: 1 }, notes: [] },
			{ values: { kilnMs: 5, bareMs: 5 }, notes: [] },
			{ values: { kilnMs: 9, bareMs: 9 }, notes: [] }
		]);
		// A ratio of medians would say 5/5; the runs say Kiln matched bare in two of three.
		expect(pairedRatio(restore, 'kilnMs', 'bareMs')).toBe(1);
		const partial = aggregate('checkpoint', [
			{ values: { kilnMs: 2, bareMs: 1 }, notes: [] },
			{ values: { kilnMs: null, bareMs: 1 }, notes: [] }
		]);
		expect(pairedRatio(partial, 'kilnMs', 'bareMs')).toBeNull();
		expect(pairedRatio(undefined, 'kilnMs', 'bareMs')).toBeNull();
	});

	it('checks goals with PASS or MISS and the distance', () => {
		expect(checkGoal('restore', 1.07, 1.2, false, 'n/a').detail).toBe('PASS (0.13× under)');
		expect(checkGoal('restore', 1.2, 1.2, false, 'n/a').pass).toBe(true);
		expect(checkGoal('bytes', 2, 2, true, 'n/a').pass).toBe(false);
		expect(checkGoal('restore', 2.32, 1.2, false, 'n/a').detail).toBe('MISS (1.12× over)');
		expect(checkGoal('bytes', null, 2, true, 'n/a (why)')).toMatchObject({
			pass: null,
			detail: 'n/a (why)'
		});
	});

	it('formats sizes, ratios and link lengths', () => {
		expect(formatBytes(512)).toBe('512 B');
		expect(formatBytes(9_000)).toBe('8.8 KiB');
		expect(formatBytes(30 * 1024 * 1024)).toBe('30.0 MiB');
		expect(formatRatio(1.234)).toBe('1.23×');
		expect(formatRatio(null)).toBe('—');
		expect(base64UrlLength(3)).toBe(4);
		expect(base64UrlLength(4)).toBe(6);
	});

	it('checks the checkpoint goal on blobs plus manifest, not blobs alone', () => {
		const checkpoint = aggregate('checkpoint', [
			{
				values: { newBytes: 9_000, manifestBytes: 9_500, writtenBytes: 18_500, fileBytes: 9_000 },
				notes: []
			}
		]);
		const [, goal] = buildGoals({ checkpoint });
		expect(goal).toMatchObject({ pass: false, detail: 'MISS (0.06× over)' });
		const row = buildRows({ checkpoint }, buildGoals({ checkpoint })).find((r) =>
			r.measurement.includes('bytes written')
		)!;
		expect(row).toMatchObject({ kiln: '18.1 KiB', bare: '8.8 KiB', ratio: '2.06×' });
	});

	it('builds rows with Kiln/bare ratios, goals, and the reason for a missing Kiln side', () => {
		const measurements = {
			restore: aggregate('restore', [
				{ values: { kilnMs: 550, bareMs: 500, bareGetAllMs: 400 }, notes: [] }
			]),
			checkpoint: aggregate('checkpoint', [
				{
					values: { kilnMs: null, writtenBytes: null, fileBytes: 9_000, bareMs: 2 },
					notes: ['checkpoint failed: quota exceeded']
				}
			])
		};
		const goals = buildGoals(measurements);
		expect(goals.map((goal) => goal.pass)).toEqual([true, null]);
		const rows = buildRows(measurements, goals);
		const restore = rows.find((row) => row.measurement.startsWith('restore (load'))!;
		expect(restore).toMatchObject({ ratio: '1.10×', goal: '≤ 1.2×', result: 'PASS (0.10× under)' });
		const bytes = rows.find((row) => row.measurement.includes('bytes'))!;
		expect(bytes).toMatchObject({
			kiln: 'n/a',
			bare: '8.8 KiB',
			goal: '< 2×',
			result: 'checkpoint failed: quota exceeded'
		});
		const table = formatTable(rows).split('\n');
		expect(table[0]).toMatch(/^measurement\s+Kiln\s+bare/);
		expect(table).toHaveLength(rows.length + 2);
	});
});
