/**
 * LCP, shell painted and ready for `/` and the IDE (seeded 2,000-file project), each a cold load,
 * against the blank SvelteKit page loaded the same way in the same run; throttled too.
 */
import { subjectName } from '../browser';
import { alternating, medianOrNull } from '../report';
import { BLANK_REFERENCE, benchSubjects, loadSubject, type PageLoad } from '../subjects';
import type { WebBenchMeasure, WebBenchRow } from '../types';

const FIGURES = [
	{ figure: 'LCP', pick: (load: PageLoad) => load.lcpMs, ide: false },
	{
		figure: 'shell painted (kiln:shell-painted)',
		pick: (load: PageLoad) => load.paintMs,
		ide: false
	},
	{ figure: 'ready (kiln:runtime-ready)', pick: (load: PageLoad) => load.readyMs, ide: true }
] as const;

/** Which element the LCP was in each kept run (it can change between runs). */
function lcpElements(loads: PageLoad[]): string[] {
	const elements = [...new Set(loads.map((load) => load.lcpElement).filter(Boolean))];
	return elements.length > 0 ? [`LCP element: ${elements.join(', ')}`] : [];
}

export const load: WebBenchMeasure = {
	id: 'load',
	throttles: true,
	async run(context) {
		const subjects = await benchSubjects(context);
		const rows: WebBenchRow[] = [];
		for (const subject of [subjects.start, subjects.ide]) {
			const samples = await alternating(context.runs, {
				app: () => loadSubject(subject, context.throttled),
				reference: () => loadSubject(subjects.blank, context.throttled)
			});
			const missing = [
				...new Set([...samples.app, ...samples.reference].flatMap((s) => s.missing))
			].join('; ');
			for (const { figure, pick, ide } of FIGURES) {
				// `/` is ready when painted: its ready row would repeat the painted one.
				if (ide && subject !== subjects.ide) continue;
				const value = medianOrNull(samples.app.map(pick));
				const referenceValue = medianOrNull(samples.reference.map(pick));
				rows.push({
					figure,
					subject: subjectName(subject.name, context.throttled),
					value,
					unit: 'ms',
					reference: BLANK_REFERENCE,
					referenceValue,
					...(value === null || referenceValue === null ? { missing } : {}),
					...(figure === 'LCP' ? { details: lcpElements(samples.app) } : {})
				});
			}
		}
		return rows;
	}
};
