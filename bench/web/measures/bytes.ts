/**
 * JS bytes (raw, gzip, brotli) `/` and the IDE fetch before they paint and before they are ready,
 * against the blank SvelteKit page, with every chunk's main packages (from the build's bundle
 * report). Paint is the kiln:shell-painted mark (LCP when the mark never comes); ready is
 * kiln:runtime-ready for the IDE and the painted list for `/`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ReportedChunk } from '../../../tooling/bundle-report';
import { BUNDLE_REPORT_PATH } from '../../../tooling/bundle-report';
import { formatBytes } from '../../storage/report';
import {
	attribute,
	describeChunk,
	routeBundle,
	scriptsBefore,
	totals,
	type ByteTotals
} from '../attribution';
import { alternating, medianOrNull } from '../report';
import { BLANK_REFERENCE, benchSubjects, loadSubject, scriptSize, type Subject } from '../subjects';
import type { WebBenchMeasure, WebBenchRow } from '../types';

/**
 * Item 1 of the issue: the IDE shell paints from a route bundle ≤ 150 KB gzip. Measured on the
 * route bundle (routeBundle(): what the route imports statically), not on every script that
 * happened to arrive before paint: xterm, just-bash and the model catalog are requested in
 * parallel as the route starts, by design, and on a fast network they land before the frame.
 */
export const IDE_PAINT_GZIP_MAX = 150 * 1024;

const ENCODINGS = ['raw', 'gzip', 'brotli'] as const;
const STAGES = ['paint', 'ready'] as const;
type Stage = (typeof STAGES)[number];

interface BytesSample {
	totals: Record<Stage, ByteTotals | null>;
	paths: Record<Stage, string[]>;
	missing: string[];
}

async function sample(subject: Subject): Promise<BytesSample> {
	const load = await loadSubject(subject, false);
	const origin = new URL(subject.url).origin;
	const times: Record<Stage, number | null> = {
		paint: load.paintMs ?? load.lcpMs,
		ready: load.readyMs
	};
	const result: BytesSample = {
		totals: { paint: null, ready: null },
		paths: { paint: [], ready: [] },
		missing: load.missing
	};
	for (const stage of STAGES) {
		const time = times[stage];
		if (time === null) continue;
		const paths = scriptsBefore(load.scripts, time);
		result.paths[stage] = paths;
		result.totals[stage] = totals(await Promise.all(paths.map((p) => scriptSize(origin, p))));
	}
	return result;
}

/**
 * The route bundle's gzip size (with its reference, the blank page's JS to paint), and one line
 * per script that arrived before paint without being part of it.
 */
async function routeRow(
	subject: Subject,
	first: BytesSample | undefined,
	reference: number | null,
	report: ReportedChunk[] | null,
	isIde: boolean
): Promise<WebBenchRow> {
	const row = {
		figure: 'route bundle: entries + nodes + static imports (gzip)',
		subject: subject.name,
		unit: 'bytes' as const,
		reference: BLANK_REFERENCE,
		referenceValue: reference,
		...(isIde ? { goal: { max: IDE_PAINT_GZIP_MAX } } : {})
	};
	if (!first || !report) {
		return { ...row, value: null, missing: `no paint sample or no ${BUNDLE_REPORT_PATH}` };
	}
	const origin = new URL(subject.url).origin;
	const route = routeBundle(report, first.paths.paint);
	const inRoute = new Set(route);
	const sizes = await Promise.all(route.map((path) => scriptSize(origin, path)));
	const parallel = await Promise.all(
		first.paths.paint.filter((path) => !inRoute.has(path)).map((path) => scriptSize(origin, path))
	);
	const details = attribute(report, parallel).map(
		(chunk) =>
			`[arrived before paint, not in the route bundle] ${describeChunk(chunk, formatBytes)}`
	);
	return { ...row, value: totals(sizes).gzip, ...(details.length > 0 ? { details } : {}) };
}

/** The client build's bundle report, or null when the app has not been built. */
export async function readBundleReport(): Promise<ReportedChunk[] | null> {
	if (!existsSync(BUNDLE_REPORT_PATH)) return null;
	return JSON.parse(await readFile(BUNDLE_REPORT_PATH, 'utf8')) as ReportedChunk[];
}

/** One line per chunk the page needed to be ready, heaviest first, tagged when before paint. */
async function chunkDetails(
	subject: Subject,
	first: BytesSample | undefined,
	report: ReportedChunk[] | null
): Promise<string[]> {
	if (!first) return [];
	const origin = new URL(subject.url).origin;
	const paths = first.paths.ready.length > 0 ? first.paths.ready : first.paths.paint;
	const beforePaint = new Set(first.paths.paint);
	const sized = await Promise.all(paths.map((path) => scriptSize(origin, path)));
	const lines = attribute(report ?? [], sized).map(
		(chunk) =>
			`${beforePaint.has(chunk.path) ? '[paint] ' : '[ready] '}${describeChunk(chunk, formatBytes)}`
	);
	if (!report) lines.unshift(`no ${BUNDLE_REPORT_PATH}: packages unknown (build the app first)`);
	return lines;
}

export const bytes: WebBenchMeasure = {
	id: 'bytes',
	throttles: false,
	async run(context) {
		const subjects = await benchSubjects(context);
		const report = await readBundleReport();
		const rows: WebBenchRow[] = [];
		for (const subject of [subjects.start, subjects.ide]) {
			const samples = await alternating(context.runs, {
				app: () => sample(subject),
				reference: () => sample(subjects.blank)
			});
			const missing = [
				...new Set([...samples.app, ...samples.reference].flatMap((s) => s.missing))
			].join('; ');
			const details = await chunkDetails(subject, samples.app[0], report);
			for (const stage of STAGES) {
				for (const encoding of ENCODINGS) {
					const pick = (list: BytesSample[]) =>
						medianOrNull(list.map((s) => s.totals[stage]?.[encoding] ?? null));
					const value = pick(samples.app);
					const referenceValue = pick(samples.reference);
					rows.push({
						figure: `JS to ${stage} (${encoding})`,
						subject: subject.name,
						value,
						unit: 'bytes',
						reference: BLANK_REFERENCE,
						referenceValue,
						...(value === null || referenceValue === null ? { missing } : {}),
						...(stage === 'ready' && encoding === 'gzip' ? { details } : {})
					});
				}
			}
			const blankPaint = medianOrNull(samples.reference.map((s) => s.totals.paint?.gzip ?? null));
			rows.push(
				await routeRow(subject, samples.app[0], blankPaint, report, subject === subjects.ide)
			);
		}
		return rows;
	}
};
