/**
 * `npm run bench:search` (issue 10, items 6 and 7): grep over ~10k source files copied from
 * node_modules, timed against ripgrep. Every measure runs once per round, in turn (alternating,
 * so load on the machine hits all alike); the table shows medians and each median as a ratio
 * to ripgrep's in the same run. Writes bench/results/search.json.
 * Options: --runs N (default 7), --out FILE, --no-build (use the existing dist/cli).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { searchFixture } from './fixture';
import {
	CASES,
	cliMeasure,
	coldMeasure,
	inProcessMeasure,
	MACHINE_ONLY_VARIABLE,
	nativeMeasure,
	nodeStartMeasure,
	ripgrepMeasure,
	type Measure
} from './measures';
import { median } from '../storage/report';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The issue's goal for in-process and end-to-end grep. */
const GOAL_RATIO = 3;

interface Row {
	case: string;
	label: string;
	medians: Record<string, number>;
	ratios: Record<string, number>;
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			runs: { type: 'string', default: '7' },
			out: { type: 'string', default: 'bench/results/search.json' },
			'no-build': { type: 'boolean', default: false }
		}
	});
	const runs = Number(values.runs);
	if (!Number.isInteger(runs) || runs < 1) {
		console.error(`--runs must be a positive whole number, not '${values.runs}'.`);
		return 2;
	}
	if (spawnSync('rg', ['--version']).status !== 0) {
		console.error(
			'ripgrep (rg) is not on PATH: it is the reference. Install it (apt install ripgrep).'
		);
		return 2;
	}
	const rgVersion = spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];

	const fixture = await searchFixture(REPO_ROOT);
	console.log(
		`Fixture: ${fixture.files.toLocaleString('en-US')} files, ${(fixture.bytes / 1e6).toFixed(1)} MB from ${fixture.packages} packages in ${fixture.dir}${fixture.reused ? ' (reused)' : ''}`
	);

	const cli = join(REPO_ROOT, 'dist/cli/kiln.mjs');
	if (!values['no-build']) {
		const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], {
			cwd: REPO_ROOT,
			stdio: 'inherit'
		});
		if (build.status !== 0) return 1;
	}
	const measures: Measure[] = [ripgrepMeasure(fixture.dir)];
	measures.push(await inProcessMeasure(fixture.dir), coldMeasure(fixture.dir));
	const native = nativeMeasure(fixture.dir);
	if (native) measures.push(native);
	if (existsSync(cli)) measures.push(nodeStartMeasure(fixture.dir), cliMeasure(fixture.dir, cli));

	const rows: Row[] = [];
	try {
		for (const c of CASES) {
			const active = measures.filter((m) => !m.onlyCases || m.onlyCases.includes(c.id));
			const times: Record<string, number[]> = {};
			// One warm-up round (file cache, JIT), then the timed rounds.
			for (let round = 0; round <= runs; round++) {
				for (const measure of active) {
					const started = performance.now();
					await measure.run(c);
					if (round > 0) (times[measure.id] ??= []).push(performance.now() - started);
				}
			}
			const medians = Object.fromEntries(
				Object.entries(times).map(([id, list]) => [id, median(list)])
			);
			const ratios = Object.fromEntries(
				Object.entries(medians).map(([id, ms]) => [id, ms / medians.ripgrep!])
			);
			rows.push({ case: c.id, label: c.label, medians, ratios });
			console.log(`  ${c.label}: done`);
		}
	} finally {
		for (const measure of measures) await measure.dispose?.();
	}

	console.log(`\nbench:search — ${rgVersion}, ${runs} runs each, medians (ratio to rg)\n`);
	console.log(formatTable(rows, measures));
	console.log('');
	for (const measure of measures) console.log(`  ${measure.id}: ${measure.label}`);
	if (process.env[MACHINE_ONLY_VARIABLE] !== undefined) {
		console.log(
			`\n${MACHINE_ONLY_VARIABLE} is set on this machine; the processes above ran without it (with it, every Node start reads that CA bundle first).`
		);
	}
	console.log(`\nGoal: in-process grep and CLI end to end ≤ ${GOAL_RATIO}× ripgrep.`);
	for (const id of ['engine', 'tool-rg', 'cli']) {
		const worst = Math.max(...rows.map((row) => row.ratios[id] ?? 0));
		if (worst > 0) {
			console.log(
				`  ${id}: worst ${worst.toFixed(1)}× — ${worst <= GOAL_RATIO ? 'PASS' : `MISS by ${(worst / GOAL_RATIO).toFixed(1)}×`}`
			);
		}
	}

	const out = resolve(values.out!);
	await mkdir(dirname(out), { recursive: true });
	const report = {
		ripgrep: rgVersion,
		runs,
		fixture: { files: fixture.files, bytes: fixture.bytes, packages: fixture.packages },
		measures: measures.map(({ id, label }) => ({ id, label })),
		cases: CASES,
		rows
	};
	await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
	console.log(`\nWrote ${out}.`);
	return 0;
}

function formatTable(rows: Row[], measures: Measure[]): string {
	const header = ['case', ...measures.map((m) => m.id)];
	const body = rows.map((row) => [
		row.label,
		...measures.map((m) => {
			const ms = row.medians[m.id];
			return ms === undefined ? '—' : `${ms.toFixed(0)} ms (${row.ratios[m.id]!.toFixed(1)}×)`;
		})
	]);
	const widths = header.map((_, i) =>
		Math.max(...[header, ...body].map((line) => line[i]!.length))
	);
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('The search benchmark crashed:', error);
		process.exit(2);
	}
);
