/**
 * JS heap in use (after a full GC, CDP Performance.getMetrics) once `/` and the IDE are ready,
 * against the blank SvelteKit page. CDP rather than measureUserAgentSpecificMemory: that one
 * waits for Chromium's next GC (up to 20 s) and counts other realms of the page too.
 */
import { alternating, medianOrNull } from '../report';
import { BLANK_REFERENCE, benchSubjects, loadSubject } from '../subjects';
import type { WebBenchMeasure, WebBenchRow } from '../types';

export const heap: WebBenchMeasure = {
	id: 'heap',
	throttles: false,
	async run(context) {
		const subjects = await benchSubjects(context);
		const rows: WebBenchRow[] = [];
		for (const subject of [subjects.start, subjects.ide]) {
			const samples = await alternating(context.runs, {
				app: () => loadSubject(subject, false, { heap: true }),
				reference: () => loadSubject(subjects.blank, false, { heap: true })
			});
			const value = medianOrNull(samples.app.map((s) => s.heapBytes));
			const referenceValue = medianOrNull(samples.reference.map((s) => s.heapBytes));
			const missing = [
				...new Set([...samples.app, ...samples.reference].flatMap((s) => s.missing))
			].join('; ');
			rows.push({
				figure: 'JS heap when ready',
				subject: subject.name,
				value,
				unit: 'bytes',
				reference: BLANK_REFERENCE,
				referenceValue,
				...(value === null || referenceValue === null ? { missing } : {})
			});
		}
		return rows;
	}
};
