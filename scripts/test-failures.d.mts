/** Failed tests of a Vitest JSON report (`--reporter=json`): "file › test name — reason". */
export function vitestFailures(report: unknown): string[];
/** Failed and flaky tests of a Playwright JSON report: "file:line › title — reason". */
export function playwrightFailures(report: unknown): string[];
/** The rows a table suite's summary marks ✗. */
export function tableFailures(summary: unknown): string[];
