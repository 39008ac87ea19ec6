/**
 * `npm test` ends by naming the failed tests (a CI log may keep only its last lines): read from
 * the JSON reports Vitest and Playwright write, and from the table suites' ✗ rows.
 */
import { describe, expect, it } from 'vitest';
import {
	playwrightFailures,
	tableFailures,
	vitestFailures
} from '../../../scripts/test-failures.mjs';

describe('vitestFailures', () => {
	it('names each failed test with the first line of its message, colour codes removed', () => {
		const report = {
			testResults: [
				{
					name: `${process.cwd()}/tests/unit/a.test.ts`,
					status: 'failed',
					assertionResults: [
						{ fullName: 'a passes', status: 'passed', failureMessages: [] },
						{
							fullName: 'a › breaks',
							status: 'failed',
							failureMessages: ['\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x']
						}
					]
				},
				{
					name: `${process.cwd()}/tests/unit/b.test.ts`,
					status: 'failed',
					message: 'Failed to load url ./missing.js',
					assertionResults: []
				}
			]
		};
		expect(vitestFailures(report)).toEqual([
			'tests/unit/a.test.ts › a › breaks — AssertionError: expected 1 to be 2',
			'tests/unit/b.test.ts — Failed to load url ./missing.js'
		]);
	});

	it('says when the report has no message, as for a timed-out case', () => {
		const report = {
			testResults: [
				{
					name: `${process.cwd()}/tests/unit/slow.test.ts`,
					status: 'failed',
					assertionResults: [
						{
							fullName: 'slow',
							status: 'failed',
							duration: 5003.4,
							failureMessages: ['Error: STACK_TRACE_ERROR\n    at task (runner.js:1:1)']
						}
					]
				}
			]
		};
		expect(vitestFailures(report)).toEqual([
			"tests/unit/slow.test.ts › slow — no message in Vitest's report (as for a timeout) after 5003 ms; see its output above"
		]);
	});

	it('says nothing for a passing report or no report at all', () => {
		expect(vitestFailures({ testResults: [] })).toEqual([]);
		expect(vitestFailures(null)).toEqual([]);
	});
});

describe('playwrightFailures', () => {
	const spec = (title: string, status: string, message?: string) => ({
		title,
		file: 'agent.spec.ts',
		line: 12,
		tests: [
			{
				status,
				results: [
					{ status: status === 'expected' ? 'passed' : 'failed', errors: [{ message }] },
					...(status === 'flaky' ? [{ status: 'passed', errors: [] }] : [])
				]
			}
		]
	});

	it('finds failed and flaky tests in nested suites, with the first line of the error', () => {
		const report = {
			suites: [
				{
					specs: [spec('passes', 'expected')],
					suites: [
						{
							specs: [
								spec('times out', 'unexpected', 'Error: Timed out 5000ms\n\nLocator: x'),
								spec('wobbles', 'flaky', 'Error: expected 3')
							]
						}
					]
				}
			]
		};
		expect(playwrightFailures(report)).toEqual([
			'agent.spec.ts:12 › times out — Error: Timed out 5000ms',
			'agent.spec.ts:12 › wobbles (passed on retry) — Error: expected 3'
		]);
	});

	it('adds the failing assertion’s line and what it received, so a CI-only failure can be told apart', () => {
		const message = [
			'\u001b[31mError: expect(locator).toBeFocused() failed\u001b[39m',
			'',
			"Locator:  getByRole('textbox', { name: 'Find' })",
			'Expected: focused',
			'Received: inactive',
			'Timeout:  15000ms'
		].join('\n');
		const report = {
			suites: [
				{
					specs: [
						{
							title: 'find',
							file: 'palette.spec.ts',
							line: 144,
							tests: [
								{
									status: 'unexpected',
									results: [
										{
											status: 'failed',
											errors: [{ message, location: { file: 'x', line: 156, column: 3 } }]
										}
									]
								}
							]
						}
					]
				}
			]
		};
		expect(playwrightFailures(report)).toEqual([
			'palette.spec.ts:144 › find — Error: expect(locator).toBeFocused() failed (line 156, received inactive)'
		]);
	});

	it('cuts a long reason so one failure stays one readable line', () => {
		const [line = ''] = playwrightFailures({
			suites: [{ specs: [spec('long', 'unexpected', 'x'.repeat(500))] }]
		});
		expect(line.length).toBeLessThan(220);
		expect(line.endsWith('…')).toBe(true);
	});
});

describe('tableFailures', () => {
	it("lists the rows a table suite marked ✗, without the table's pipes around them", () => {
		const table = [
			'|   | input | what Kiln did | written |',
			'| ✓ | fine input | handled | |',
			'| ✗ | bad input   | crashed the tab | |'
		].join('\n');
		expect(tableFailures({ table })).toEqual(['bad input | crashed the tab']);
		expect(tableFailures(null)).toEqual([]);
	});
});
