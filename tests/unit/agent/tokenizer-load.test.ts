import { describe, expect, it } from 'vitest';
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { countTokens as moduleCount } from 'gpt-tokenizer/encoding/o200k_base';
import {
	loadO200kCounter,
	ranksFromWorker,
	type RanksWorkerLike
} from '../../../src/lib/agent/context/tokenizer-load';
import { RANKS_SLICE, type RanksSlice } from '../../../src/lib/agent/context/o200k-ranks-protocol';

type Listener = (event: { data: RanksSlice }) => void;

/** A worker double that posts the given slices (as the real worker would, one a message). */
function fakeWorker(slices: RanksSlice[] | 'error'): RanksWorkerLike & { terminated: boolean } {
	let onMessage: Listener | undefined;
	let onError: (() => void) | undefined;
	const worker = {
		terminated: false,
		addEventListener(type: 'message' | 'error', listener: Listener | (() => void)) {
			if (type === 'message') onMessage = listener as Listener;
			else onError = listener as () => void;
			// Both listeners are added synchronously: deliver on a later task, as a worker does.
			if (onMessage && onError)
				setTimeout(() => {
					if (slices === 'error') return onError!();
					for (const slice of slices) onMessage!({ data: structuredClone(slice) });
				}, 0);
		},
		terminate() {
			worker.terminated = true;
		}
	};
	return worker;
}

function slicesOf(all: (string | number[])[]): RanksSlice[] {
	const slices: RanksSlice[] = [];
	for (let start = 0; start < all.length; start += RANKS_SLICE)
		slices.push({ start, ranks: all.slice(start, start + RANKS_SLICE), total: all.length });
	return slices;
}

const SAMPLES = [
	'Hello, world!',
	'export function f(value: number): number {\n\treturn value + 1;\n}\n',
	'Ünïcödé — 数学 🙂 <|endoftext|> text',
	''
];

describe('the o200k tokenizer loaded from a worker', () => {
	it('counts exactly as the module does, from ranks taken in slice by slice', async () => {
		const worker = fakeWorker(slicesOf(ranks));
		const count = await loadO200kCounter(() => worker);
		const options = { disallowedSpecial: new Set<string>() };
		for (const text of SAMPLES) expect(count(text)).toBe(moduleCount(text, options));
		expect(worker.terminated).toBe(true);
	});

	it('puts the slices back in order and ends the worker', async () => {
		const small = ['a', 'b', 'c', [255], 'e'];
		const worker = fakeWorker([
			{ start: 0, ranks: small.slice(0, 2), total: 5 },
			{ start: 2, ranks: small.slice(2, 4), total: 5 },
			{ start: 4, ranks: small.slice(4), total: 5 }
		]);
		expect(await ranksFromWorker(() => worker)).toEqual(small);
		expect(worker.terminated).toBe(true);
	});

	it('gives up on ranks that arrive out of order, a worker that fails, or no worker', async () => {
		const outOfOrder = fakeWorker([
			{ start: 2, ranks: ['c'], total: 3 },
			{ start: 0, ranks: ['a', 'b'], total: 3 }
		]);
		expect(await ranksFromWorker(() => outOfOrder)).toBeUndefined();
		expect(await ranksFromWorker(() => fakeWorker('error'))).toBeUndefined();
		expect(await ranksFromWorker(() => undefined)).toBeUndefined();
		expect(
			await ranksFromWorker(() => {
				throw new Error('Workers are blocked here.');
			})
		).toBeUndefined();
	});

	it('falls back to the module when the worker cannot deliver, with the same counts', async () => {
		const count = await loadO200kCounter(() => fakeWorker('error'));
		expect(count(SAMPLES[1]!)).toBe(moduleCount(SAMPLES[1]!));
	});
});
