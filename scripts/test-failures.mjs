// Names the failed tests in the JSON reports of Vitest and Playwright, so the last lines of a run
// (all a CI log may keep) say which tests failed and why, not only how many.
import { relative } from 'node:path';

const MAX_REASON = 160;

/** A message without its terminal colour codes. */
function withoutColour(message) {
	// eslint-disable-next-line no-control-regex -- colour codes are control characters by nature
	return String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}

/** The first line of an error message, without colour codes, cut to a readable length. */
function firstLine(message) {
	const line =
		withoutColour(message)
			.split('\n')
			.find((text) => text.trim() !== '') ?? '';
	return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line.trim();
}

/** Failed tests of a Vitest JSON report: "file › test name — reason". */
export function vitestFailures(report) {
	const failures = [];
	for (const file of report?.testResults ?? []) {
		const path = relative(process.cwd(), file.name ?? '');
		const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
		for (const test of failed) {
			failures.push(`${path} › ${test.fullName} — ${vitestReason(test)}`);
		}
		// A file that failed to load has no test results, only a message.
		if (failed.length === 0 && file.status === 'failed') {
			failures.push(`${path} — ${firstLine(file.message)}`);
		}
	}
	return failures;
}

/**
 * Vitest's JSON report has no message for some failures (a case that timed out shows only
 * "Error: STACK_TRACE_ERROR"): then say so, with how long the case ran.
 */
function vitestReason(test) {
	const reason = firstLine(test.failureMessages?.[0]);
	if (reason !== 'Error: STACK_TRACE_ERROR') return reason;
	const after = typeof test.duration === 'number' ? ` after ${Math.round(test.duration)} ms` : '';
	return `no message in Vitest's report (as for a timeout)${after}; see its output above`;
}

function* playwrightSpecs(suite) {
	yield* suite.specs ?? [];
	for (const child of suite.suites ?? []) yield* playwrightSpecs(child);
}

/** Failed and flaky tests of a Playwright JSON report: "file:line › title — reason". */
export function playwrightFailures(report) {
	const failures = [];
	for (const suite of report?.suites ?? []) {
		for (const spec of playwrightSpecs(suite)) {
			for (const test of spec.tests ?? []) {
				if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
				const failedRun = (test.results ?? []).find((result) => result.status !== 'passed');
				const reason = playwrightReason(failedRun);
				const flaky = test.status === 'flaky' ? ' (passed on retry)' : '';
				failures.push(`${spec.file}:${spec.line} › ${spec.title}${flaky} — ${reason}`);
			}
		}
	}
	return failures;
}

/**
 * The error's first line, and where the failing assertion is and what it received: a test with
 * several similar assertions (three `toBeFocused` checks) and a failure that only happens on CI
 * is diagnosed from this line alone.
 */
function playwrightReason(failedRun) {
	const error = failedRun?.errors?.[0];
	const reason = firstLine(error?.message ?? failedRun?.status);
	const details = [];
	if (typeof error?.location?.line === 'number') details.push(`line ${error.location.line}`);
	const received = /^Received(?: string)?:\s*(.+)$/m
		.exec(withoutColour(error?.message))?.[1]
		?.trim();
	if (received) details.push(`received ${firstLine(received).slice(0, 80)}`);
	return details.length > 0 ? `${reason} (${details.join(', ')})` : reason;
}

/** Failed rows of a table suite's summary (the rows its table marks ✗), cut to a readable length. */
export function tableFailures(summary) {
	const rows = String(summary?.table ?? '').split('\n');
	return rows
		.filter((row) => row.startsWith('| ✗'))
		.map((row) => row.replace(/^\| ✗ \|\s*/, '').replace(/[\s|]+$/, ''))
		.map((row) => firstLine(row.replace(/\s*\|\s*/g, ' | ')));
}
