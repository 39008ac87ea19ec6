#!/usr/bin/env node
// Runs one table suite (faults or bad-input): its Vitest project (tests/<name>/) and the
// end-to-end tests tagged @<name>, then prints one table of every row the tests recorded
// (tests/suite-table/row.ts) with each test's result, and writes test-results/<name>.json
// ({ passed, failed }) for `npm test`'s total.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const name = process.argv[2];
if (!name) {
	console.error('Usage: node scripts/table-suite.mjs <faults|bad-input>');
	process.exit(2);
}
mkdirSync('test-results', { recursive: true });
const vitestJson = `test-results/${name}.vitest.json`;
const e2eJson = `test-results/${name}.e2e.json`;

function run(command, args, env = {}) {
	console.log(`\n▶ ${command} ${args.join(' ')}`);
	return (
		spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
	);
}

function readJson(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return null;
	}
}

const rows = [];
let passed = 0;
let failed = 0;

const vitestStatus = run('npx', [
	'vitest',
	'run',
	'--project',
	name,
	'--passWithNoTests',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
const vitest = readJson(vitestJson);
if (vitest) {
	for (const file of vitest.testResults) {
		for (const test of file.assertionResults) {
			if (test.status === 'skipped' || test.status === 'pending') continue;
			const ok = test.status === 'passed';
			if (ok) passed++;
			else failed++;
			rows.push({ test: test.title, ok, row: test.meta?.row ?? {} });
		}
	}
	if (vitestStatus !== 0 && vitest.numFailedTests === 0) failed++;
} else failed++;

const hasE2e =
	existsSync('tests/e2e') &&
	readdirSync('tests/e2e', { recursive: true, withFileTypes: true }).some(
		(entry) =>
			entry.isFile() &&
			readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8').includes(`@${name}`)
	);
if (hasE2e) {
	// One at a time: these tests measure frames under a 1 MB paste or a 50 MB file, which other
	// tests running beside them would slow down.
	const e2eStatus = run('npx', ['playwright', 'test', '--grep', `@${name}\\b`, '--workers=1'], {
		KILN_E2E_JSON: e2eJson
	});
	const report = readJson(e2eJson);
	const visit = (suite) => {
		for (const spec of suite.specs ?? []) {
			for (const test of spec.tests ?? []) {
				const ok = test.status === 'expected';
				if (test.status === 'skipped') continue;
				if (ok) passed++;
				else failed++;
				const annotations = [
					...(test.annotations ?? []),
					...(test.results ?? []).flatMap((r) => r.annotations ?? [])
				];
				const row = Object.assign(
					{},
					...annotations.filter((a) => a.type === 'row').map((a) => JSON.parse(a.description))
				);
				rows.push({ test: spec.title.replace(/\s*@[\w-]+/g, ''), ok, row });
			}
		}
		for (const child of suite.suites ?? []) visit(child);
	};
	if (report) for (const suite of report.suites ?? []) visit(suite);
	else failed++;
	if (report && e2eStatus !== 0 && failed === 0) failed++;
}

const columns = [];
for (const { row } of rows)
	for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
const header = ['', ...(columns.length ? columns : ['test'])];
const lines = rows.map(({ test, ok, row }) => [
	ok ? '✓' : '✗',
	...(columns.length ? columns.map((column, i) => row[column] ?? (i === 0 ? test : '')) : [test])
]);
const widths = header.map((h, i) =>
	Math.min(70, Math.max(h.length, ...lines.map((l) => l[i].length)))
);
const format = (cells) =>
	'| ' +
	cells
		.map((cell, i) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ').padEnd(widths[i]))
		.join(' | ') +
	' |';
const table = [
	format(header),
	'| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |',
	...lines.map(format)
].join('\n');
console.log(
	`\n${name}: every row a test that ran\n\n${table}\n\n${passed} passed, ${failed} failed`
);
writeFileSync(`test-results/${name}.json`, JSON.stringify({ passed, failed, table }, null, 2));
writeFileSync(`test-results/${name}.md`, table + '\n');
process.exit(failed === 0 ? 0 : 1);
