#!/usr/bin/env node
// `npm test`: every check and test suite, in order, then one line `N passed, N failed`.
// Each static check (types, lint, format) counts as one test; Vitest and Playwright report their own
// counts through JSON reporters. Suites keep running after a failure so one run shows everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
	console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
	const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return child.status ?? 1;
}

function check(label, command, args) {
	const status = run(label, command, args);
	results.push({ label, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 });
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
check('svelte-kit sync + types', 'npm', ['run', '--silent', 'check:types']);
check('lint', npx, ['eslint', '.']);
check('format', npx, ['prettier', '--check', '.']);

const chromium = ensureChromium();

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
		failed: vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0)
	});
} else results.push({ label: 'vitest', passed: 0, failed: 1 });

// End-to-end tests against the production build, served with the real headers.
if (chromium) {
	const e2eJson = 'test-results/e2e.json';
	const e2eStatus = run(
		'end-to-end tests',
		npx,
		['playwright', 'test', '--grep-invert', TABLE_TAGS],
		{
			KILN_E2E_JSON: e2eJson
		}
	);
	const e2e = readJson(e2eJson);
	if (e2e?.stats) {
		const failed = e2e.stats.unexpected + e2e.stats.flaky;
		results.push({
			label: 'e2e',
			passed: e2e.stats.expected,
			failed: failed + (e2eStatus !== 0 && failed === 0 ? 1 : 0),
			skipped: e2e.stats.skipped
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
		failed: summary ? summary.failed : 1
	});
}

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const skipped = results.reduce((sum, r) => sum + (r.skipped ?? 0), 0);
console.log('\nSummary');
for (const r of results) console.log(`  ${r.label}: ${r.passed} passed, ${r.failed} failed`);
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync('test-results/summary.txt', line + '\n');
console.log(line);
process.exit(failed === 0 ? 0 : 1);
