import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src/lib/runtime/types';
import { formatProcessReport, PROCESS_READ_MAX_CHARS } from '../../../src/lib/tools/process-report';

const info: ProcessInfo = {
	id: 'bash_1',
	command: 'npm run dev',
	startedBy: 'agent',
	foreground: false,
	startedAt: 0,
	status: 'exited',
	exitCode: 0,
	endedAt: 1000
};

describe('formatProcessReport', () => {
	it('keeps the beginning and the end of a long read and says how much was cut', () => {
		const half = PROCESS_READ_MAX_CHARS / 2;
		const text = `${'a'.repeat(half + 500)}${'b'.repeat(half + 1500)}`;
		const report = formatProcessReport(info, { text, droppedChars: 0 }, 'New output');
		const body = report.split('New output:\n')[1]!;
		expect(body).toBe(`${'a'.repeat(half)}\n\n… 2000 characters cut …\n\n${'b'.repeat(half)}`);
	});

	it('leaves a read within the bound whole, and says when there was none', () => {
		const text = 'x'.repeat(PROCESS_READ_MAX_CHARS);
		expect(formatProcessReport(info, { text, droppedChars: 0 }, 'Out')).toContain(`Out:\n${text}`);
		expect(formatProcessReport(info, { text: '', droppedChars: 0 }, 'Out')).toMatch(
			/Out:\n\(no new output\)$/
		);
	});

	it('says how much output fell out of the ring between reads', () => {
		const report = formatProcessReport(info, { text: 'tail\n', droppedChars: 1_234_567 }, 'Out');
		expect(report).toMatch(
			/Out:\ntail\n\(1,234,567 characters printed since the previous read were no longer kept; read more often/
		);
	});
});
