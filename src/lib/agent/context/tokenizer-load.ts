/**
 * Loads the o200k tokenizer without a long task on the page. Imported whole, gpt-tokenizer's
 * o200k module evaluates its 2.4 MB ranks literal and builds its tables in one task of
 * 60–150 ms, which lands wherever the idle-time prefetch put it: often right in a person's first
 * send. In the browser the ranks are evaluated in a worker and taken in slice by slice (a few ms
 * each, see o200k-ranks-protocol.ts), then the encoder's tables are built from them in slices too
 * (o200k-encoder.ts).
 * Where there are no workers (the CLI, Node tests) or the worker fails, the module is imported as
 * before: the counts are the same either way.
 */
import type { RanksSlice } from './o200k-ranks-protocol';
import { SLICE_MS, timeSlices } from '../../runtime';

export type Counter = (text: string) => number;

/** Text from files may contain "<|endoftext|>" and the like: count it as plain text. */
const COUNT_OPTIONS = { disallowedSpecial: new Set<string>() };

/** The part of a Worker the loader uses (tests pass a double). */
export interface RanksWorkerLike {
	addEventListener(type: 'message', listener: (event: { data: RanksSlice }) => void): void;
	addEventListener(type: 'error', listener: () => void): void;
	terminate(): void;
}

export type RanksWorkerFactory = () => RanksWorkerLike | undefined;

/** A module worker in the browser; none in Node (its Worker is not the web's). */
export const defaultRanksWorker: RanksWorkerFactory = () =>
	typeof Worker === 'undefined' || typeof window === 'undefined'
		? undefined
		: (new Worker(new URL('./o200k-ranks.worker.ts', import.meta.url), {
				type: 'module',
				name: 'kiln-tokenizer-ranks'
			}) as unknown as RanksWorkerLike);

/** Resolves on a later task, so the work after it starts a task of its own. */
function nextTask(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The ranks from the worker, in order; undefined if it could not deliver them all. */
export function ranksFromWorker(
	create: RanksWorkerFactory = defaultRanksWorker
): Promise<(string | number[])[] | undefined> {
	let worker: RanksWorkerLike | undefined;
	try {
		worker = create();
	} catch {
		return Promise.resolve(undefined);
	}
	if (!worker) return Promise.resolve(undefined);
	const started = worker;
	return new Promise((resolve) => {
		const slices: (string | number[])[][] = [];
		let received = 0;
		const finish = (ranks: (string | number[])[] | undefined) => {
			started.terminate();
			resolve(ranks);
		};
		started.addEventListener('message', ({ data }) => {
			// Slices arrive in order; one out of place means the table cannot be trusted.
			if (data.start !== received) return finish(undefined);
			slices.push(data.ranks);
			received += data.ranks.length;
			if (received >= data.total) finish(slices.flat(1));
		});
		started.addEventListener('error', () => finish(undefined));
	});
}

/**
 * The encoder built from ranks already in the page, in slices of a few ms (o200k-encoder.ts);
 * in one task of 40–75 ms the plain way if this gpt-tokenizer keeps its tables elsewhere.
 */
async function counterFromRanks(ranks: (string | number[])[]): Promise<Counter> {
	const [{ GptEncoding }, { buildO200kEncoding }] = await Promise.all([
		import('gpt-tokenizer/GptEncoding'),
		import('./o200k-encoder')
	]);
	await nextTask();
	const api =
		(await buildO200kEncoding(
			ranks,
			timeSlices(SLICE_MS, () => performance.now(), nextTask)
		)) ?? GptEncoding.getEncodingApi('o200k_base', () => ranks);
	return (text) => api.countTokens(text, COUNT_OPTIONS);
}

async function counterFromModule(): Promise<Counter> {
	const module = await import('gpt-tokenizer/encoding/o200k_base');
	return (text) => module.countTokens(text, COUNT_OPTIONS);
}

/** The o200k counter; rejects only if the tokenizer cannot load at all. */
export async function loadO200kCounter(
	create: RanksWorkerFactory = defaultRanksWorker
): Promise<Counter> {
	const ranks = await ranksFromWorker(create);
	return ranks ? counterFromRanks(ranks) : counterFromModule();
}
