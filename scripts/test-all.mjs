#!/usr/bin/env node
// `npm test`: every check and test suite, in order, then one line `N passed, N failed`.
// Each static check (types, lint, format) counts as one test; Vitest and Playwright report their own
// counts through JSON reporters. Suites keep running after a failure so one run shows everything.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { playwrightFailures, tableFailures, vitestFailures } from './test-failures.mjs';

const results = [];
mkdirSync('test-results', { recursive: true });
// One build name for every child: the checks' `svelte-kit sync` runs beside the build, and each
// would otherwise name the build anew (see svelte.config.js).
process.env.KILN_BUILD_VERSION ||= String(Date.now());

function run(label, command, args, env = {}) {
	console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
	const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return child.status ?? 1;
}

/** Starts a command with its output written to `logPath`; resolves with its exit status. */
function runLogged(command, args, logPath) {
	return new Promise((resolve) => {
		const log = openSync(logPath, 'w');
		const child = spawn(command, args, { stdio: ['ignore', log, log] });
		child.on('error', () => resolve({ status: 1 }));
		child.on('close', (status) => {
			closeSync(log);
			resolve({ status: status ?? 1 });
		});
	});
}

/** Runs a command with its output kept, to be printed whole once it ends (never interleaved). */
function runCollected(label, command, args) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) =>
			resolve({ label, command, args, status: 1, output: String(error) })
		);
		child.on('close', (status) => resolve({ label, command, args, status: status ?? 1, output }));
	});
}

function readJson(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return null;
	}
}

const npx = 'npx';
// End-to-end tests tagged for a table suite run there, not twice.
const TABLE_TAGS = '@faults\\b|@bad-input\\b';
const chromium = ensureChromium();
// What svelte-kit generates (.svelte-kit/) is written once, before the checks and the build read it
// side by side; their own syncs then rewrite nothing (SvelteKit writes only what changed, and
// KILN_BUILD_VERSION keeps the build's name the same in every process).
run('svelte-kit sync', npx, ['svelte-kit', 'sync']);
// The production build for the end-to-end tests, made meanwhile: the checks and Vitest leave a core
// idle much of the time.
// Its output goes to a file, not a pipe: while Vitest runs (spawnSync) nothing here drains pipes.
const buildForE2e = chromium ? runLogged('npm', ['run', 'build'], 'test-results/build.log') : null;
// The static checks are single-threaded: run side by side, they take as long as the slowest.
const statics = await Promise.all([
	runCollected('svelte-kit sync + types', 'npm', ['run', '--silent', 'check:types']),
	runCollected('lint', npx, ['eslint', '.']),
	runCollected('format', npx, ['prettier', '--check', '.'])
]);
for (const { label, command, args, status, output } of statics) {
	console.log(`\n▶ ${label}: ${command} ${args.join(' ')}\n${output}`);
	results.push({ label, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 });
}

// Unit tests (Node) and the runtime contract inside Chromium (Vitest browser mode).
const vitestJson = 'test-results/vitest.json';
const projects = ['--project', 'unit', ...(chromium ? ['--project', 'browser'] : [])];
const vitestStatus = run('unit + browser tests', npx, [
	'vitest',
	'run',
	...projects,
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
const vitest = readJson(vitestJson);
if (vitest) {
	results.push({
		label: 'vitest',
		passed: vitest.numPassedTests,
		failed: vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0),
		failures: vitestFailures(vitest)
	});
} else results.push({ label: 'vitest', passed: 0, failed: 1 });

// End-to-end tests against the production build, served with the real headers.
if (chromium) {
	const e2eJson = 'test-results/e2e.json';
	const build = await buildForE2e;
	console.log(`\n▶ build: npm run build${build?.status === 0 ? ' (done beside the checks)' : ''}`);
	// A failed build is shown, and the end-to-end run builds again (and fails where it fails).
	if (build?.status !== 0) console.log(readFileSync('test-results/build.log', 'utf8'));
	const e2eStatus = run(
		'end-to-end tests',
		npx,
		['playwright', 'test', '--grep-invert', TABLE_TAGS],
		{
			KILN_E2E_JSON: e2eJson,
			KILN_SKIP_BUILD: build?.status === 0 ? '1' : '0'
		}
	);
	const e2e = readJson(e2eJson);
	if (e2e?.stats) {
		const failed = e2e.stats.unexpected + e2e.stats.flaky;
		results.push({
			label: 'e2e',
			passed: e2e.stats.expected,
			failed: failed + (e2eStatus !== 0 && failed === 0 ? 1 : 0),
			skipped: e2e.stats.skipped,
			failures: playwrightFailures(e2e)
		});
	} else results.push({ label: 'e2e', passed: 0, failed: 1 });
} else {
	results.push({ label: 'browser suites (no Chromium)', passed: 0, failed: 1 });
}

// The two table suites print their tables (what each fault and each hostile input did).
for (const suite of ['faults', 'bad-input']) {
	// The end-to-end run above just built the app: its tagged tests reuse that build.
	run(`${suite} suite`, 'node', ['scripts/table-suite.mjs', suite], {
		KILN_SKIP_BUILD: chromium && existsSync('build/index.html') ? '1' : '0'
	});
	const summary = readJson(`test-results/${suite}.json`);
	results.push({
		label: suite,
		passed: summary?.passed ?? 0,
		failed: summary ? summary.failed : 1,
		failures: tableFailures(summary)
	});
}

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
// The last lines are what a CI log keeps: each suite's counts, then which tests failed and why,
// then the one line `N passed, N failed`. The same block goes to test-results/summary.txt.
const report = ['', 'Summary'];
for (const r of results) {
	const skipped = r.skipped ? `, ${r.skipped} skipped` : '';
	report.push(`  ${r.label}: ${r.passed} passed, ${r.failed} failed${skipped}`);
}
const failures = results.flatMap((r) => (r.failures ?? []).map((name) => `  ${r.label}: ${name}`));
if (failures.length > 0) report.push('', 'Failed', ...failures);
report.push('', `${passed} passed, ${failed} failed`);
writeFileSync('test-results/summary.txt', report.join('\n').trimStart() + '\n');
console.log(report.join('\n'));
process.exit(failed === 0 ? 0 : 1);
