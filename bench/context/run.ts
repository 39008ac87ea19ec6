/**
 * `npm run bench:context`: prints the table and the target checks, writes
 * bench/results/context.json. Exits 1 when Kiln's context overflowed the window in a session.
 * Options: --session ID (repeatable) to run only some sessions; --out FILE.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
	allSessions,
	formatTable,
	formatTargets,
	hasOverflow,
	runContextBenchmark,
	VARIANTS
} from './index';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			session: { type: 'string', multiple: true },
			out: { type: 'string', default: 'bench/results/context.json' }
		}
	});
	const known = allSessions();
	const wanted = values.session ?? [];
	const unknown = wanted.filter((id) => !known.some((session) => session.id === id));
	if (unknown.length > 0) {
		console.error(
			`Unknown session ${unknown.join(', ')}. Sessions: ${known.map((s) => s.id).join(', ')}.`
		);
		return 2;
	}
	const sessions = wanted.length === 0 ? known : known.filter((s) => wanted.includes(s.id));

	const started = Date.now();
	const report = await runContextBenchmark({
		sessions,
		onProgress: (message) => console.log(`  ${message}`)
	});
	const out = resolve(values.out!);
	await mkdir(dirname(out), { recursive: true });
	await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);

	console.log(
		`\nContext benchmark — ${report.model}, window ${report.contextWindow.toLocaleString('en-US')} tokens`
	);
	console.log(
		`${report.tokenizer}\nCost is in input-token equivalents: uncached 1×, cache write 1.25×, cache read 0.1× (output not included).\nfloor: the least any prompt cache could bill for the same requests (each block written once at 1.25×, read at 0.1× ever after; 1× if never reused); floor 5m: the same with a 5-minute lifetime.\n`
	);
	for (const variant of VARIANTS) console.log(`  ${variant.id}: ${variant.label}`);
	console.log('');
	console.log(formatTable(report));
	console.log(`\nTargets (Kiln's variant):\n${formatTargets(report.targets)}`);
	for (const session of report.sessions) {
		for (const [variant, metrics] of Object.entries(session.variants)) {
			const notes = [
				...(metrics?.turnProblems ?? []).map((problem) => `turn ended ${problem}`),
				...(metrics?.toolFailures ? [`${metrics.toolFailures} tool call(s) failed`] : []),
				...(metrics?.extraRequests
					? [`${metrics.extraRequests} request(s) beyond the script`]
					: []),
				...(metrics?.answeredFromPaste
					? [
							`${metrics.answeredFromPaste} scripted read/grep/glob/list call(s) answered from the pasted project`
						]
					: [])
			];
			if (notes.length > 0) console.log(`note: ${session.id}/${variant}: ${notes.join('; ')}`);
		}
	}
	console.log(`\nWrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
	if (hasOverflow(report)) {
		console.error('FAIL: Kiln’s context overflowed the window in at least one session.');
		return 1;
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('The context benchmark crashed:', error);
		process.exit(2);
	}
);
