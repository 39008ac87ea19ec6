/**
 * Builds gpt-tokenizer's o200k encoder from ranks already in the page without a long task.
 * BytePairEncodingCore's constructor walks all 200,000 ranks in one go: `Object.keys` over the
 * array, then a Map of every string rank, 40–75 ms on this machine, which landed in a person's
 * first send. Here the same tables are built in slices with a pause between them, and the encoder
 * is created over an empty rank list (nothing to walk) and handed the finished tables.
 *
 * `pause` is offered after every few hundred ranks and decides itself whether to give the page
 * the main thread (a time budget, see timeSlices): slices of a fixed 10,000 ranks were 2–5 ms
 * here but 50–100 ms on a phone-speed CPU (Chromium's 4× throttle), where the Map's growth and
 * the garbage it leaves fall in whichever slice is running.
 *
 * The tables are gpt-tokenizer 4's own internals, so this checks that they are where it expects
 * them and reports `undefined` otherwise (the caller then builds the encoder the plain way); the
 * unit test compares its counts with the library's on varied text, so an upgrade that changes
 * them fails there, not in a person's prompt.
 */
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { compareUint8Arrays } from 'gpt-tokenizer/utfUtil';

export type O200kRanks = readonly (string | readonly number[] | undefined)[];

/** Ranks walked between offers to pause: well under a millisecond here, a few at 4× slower. */
const STEP = 500;

/** What BytePairEncodingCore's constructor derives from the ranks (gpt-tokenizer 4.x). */
interface CoreTables {
	bytePairRankDecoder: O200kRanks;
	bytePairStringRankEncoder: Map<string, number>;
	bytePairNonUtfRankDecoder: Map<number, Uint8Array>;
	bytePairNonUtfSortedEncoder: [Uint8Array, number][];
	mergeableBytePairRankCount: number;
}

const TABLE_KEYS: readonly (keyof CoreTables)[] = [
	'bytePairRankDecoder',
	'bytePairStringRankEncoder',
	'bytePairNonUtfRankDecoder',
	'bytePairNonUtfSortedEncoder',
	'mergeableBytePairRankCount'
];

/**
 * The o200k encoding over `ranks`, with `pause()` awaited every STEP ranks (it returns at once
 * while its time budget lasts); undefined when this gpt-tokenizer keeps its tables elsewhere.
 */
export async function buildO200kEncoding(
	ranks: O200kRanks,
	pause: () => Promise<void>
): Promise<GptEncoding | undefined> {
	const strings = new Map<string, number>();
	const nonUtf = new Map<number, Uint8Array>();
	const sorted: [Uint8Array, number][] = [];
	let count = 0;
	for (let start = 0; start < ranks.length; start += STEP) {
		const end = Math.min(ranks.length, start + STEP);
		for (let rank = start; rank < end; rank++) {
			const value = ranks[rank];
			if (value === undefined) continue; // a hole: the library skips unused ranks too
			count++;
			if (typeof value === 'string') {
				strings.set(value, rank);
			} else {
				const bytes = new Uint8Array(value);
				sorted.push([bytes, rank]);
				nonUtf.set(rank, bytes);
			}
		}
		await pause();
	}
	sorted.sort((a, b) => compareUint8Arrays(a[0], b[0]));
	// An empty rank list gives the encoder its regex and special tokens, and nothing to walk.
	const encoding = GptEncoding.getEncodingApi('o200k_base', () => []);
	const core = (encoding as unknown as { bytePairEncodingCoreProcessor?: Partial<CoreTables> })
		.bytePairEncodingCoreProcessor;
	if (!core || !TABLE_KEYS.every((key) => key in core)) return undefined;
	const tables: CoreTables = {
		bytePairRankDecoder: ranks,
		bytePairStringRankEncoder: strings,
		bytePairNonUtfRankDecoder: nonUtf,
		bytePairNonUtfSortedEncoder: sorted,
		mergeableBytePairRankCount: count
	};
	Object.assign(core, tables);
	return encoding;
}
