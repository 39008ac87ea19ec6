/**
 * Model API faults, through both wire formats: what the person sees in the chat, whether the
 * stored conversation still holds together, and whether the next message works.
 */
import { describe, expect, test } from 'vitest';
import type { Turn } from '../../tooling/mock-model';
import type { SendResult } from '../../src/lib/state/chat';
import {
	FORMATS,
	afterFault,
	checkNextMessage,
	lastTurnItems,
	providerConfig,
	recordFaultRow,
	useFaultBench,
	type FaultChat
} from './chat-harness';

interface FaultCase {
	fault: string;
	turns: Turn[];
	maxAttempts?: number;
	/** The behaviour the fault must produce (the row only reports it). */
	check: (chat: FaultChat, result: SendResult) => void;
}

const RECOVERED = 'Recovered: here is the whole answer.';
const PARTIAL = 'This partial answer never finishes because';
const NEXT = 'Still here.';

function recovered(pattern: RegExp, retries = 1) {
	return (chat: FaultChat, result: SendResult) => {
		expect(result).toEqual({ reason: 'completed' });
		expect(chat.waits).toHaveLength(retries);
		for (const wait of chat.waits) expect(wait).toMatch(pattern);
		expect(chat.waits.join(' ')).toMatch(/Retrying in \d+ s…$/);
		const texts = lastTurnItems(chat.session).filter((item) => item.kind === 'text');
		// Output of a failed attempt is dropped when the step starts over: only the retried answer.
		expect(texts.map((item) => item.kind === 'text' && item.text)).toEqual([RECOVERED]);
	};
}

function failed(pattern: RegExp, waits = 0) {
	return (chat: FaultChat, result: SendResult) => {
		expect(result).toEqual({ reason: 'error' });
		expect(chat.waits).toHaveLength(waits);
		const notice = lastTurnItems(chat.session).find((item) => item.kind === 'notice');
		expect(notice?.kind === 'notice' && notice.message).toMatch(pattern);
		// Never a promise of an automatic retry that will not come.
		expect(notice?.kind === 'notice' && notice.message).not.toMatch(/retries automatically/);
	};
}

const partial = { text: `${PARTIAL} the connection goes away.`, chunkSize: 4 };

const CASES: FaultCase[] = [
	{
		fault: '429 with retry-after: 2',
		turns: [{ fault: { type: 'http', status: 429, retryAfter: 2 } }, { text: RECOVERED }],
		check: recovered(/rate-limited this key\. It asked to wait 2 seconds\..*Retrying in 2 s…/)
	},
	{
		fault: '429 without retry-after',
		turns: [{ fault: { type: 'http', status: 429 } }, { text: RECOVERED }],
		check: recovered(/^(?!.*asked to wait).*rate-limited this key/)
	},
	{
		fault: '429 with retry-after beyond the limit (600 s)',
		turns: [{ fault: { type: 'http', status: 429, retryAfter: 600 } }],
		check: failed(/Kiln did not retry: the wait asked for \(10 minutes\) is longer than Kiln waits/)
	},
	{
		fault: '529 overloaded',
		turns: [{ fault: { type: 'http', status: 529 } }, { text: RECOVERED }],
		check: recovered(/overloaded right now/)
	},
	{
		fault: '500 internal error',
		turns: [{ fault: { type: 'http', status: 500 } }, { text: RECOVERED }],
		check: recovered(/internal error \(500\)/)
	},
	{
		fault: '500 on every attempt (3 allowed)',
		maxAttempts: 3,
		turns: [1, 2, 3].map(() => ({ fault: { type: 'http', status: 500 } }) satisfies Turn),
		check: failed(/internal error \(500\).*Kiln tried 3 times and gave up/, 2)
	},
	{
		fault: 'error event mid-stream',
		turns: [{ ...partial, fault: { type: 'error-event', afterChunks: 5 } }, { text: RECOVERED }],
		check: recovered(/overloaded|reported an error/)
	},
	{
		fault: 'connection dropped before the stream',
		turns: [{ text: 'never sent', fault: { type: 'drop', afterChunks: 0 } }, { text: RECOVERED }],
		check: recovered(/Could not reach .* at http/)
	},
	{
		fault: 'connection dropped mid-stream',
		turns: [{ ...partial, fault: { type: 'drop', afterChunks: 5 } }, { text: RECOVERED }],
		check: recovered(/^(?!.*CORS).*dropped while the answer was streaming/)
	},
	{
		fault: 'stall before the response headers',
		turns: [{ text: 'never sent', fault: { type: 'stall', afterChunks: 0 } }, { text: RECOVERED }],
		check: recovered(/No data from .* for 300 ms \(it never started answering\)/)
	},
	{
		fault: 'stall mid-stream',
		turns: [{ ...partial, fault: { type: 'stall', afterChunks: 5 } }, { text: RECOVERED }],
		check: recovered(/No data from .* for 300 ms \(the answer stalled mid-stream\)/)
	},
	{
		fault: 'stall mid-stream on every attempt (2 allowed)',
		maxAttempts: 2,
		turns: [1, 2].map(
			() => ({ ...partial, fault: { type: 'stall', afterChunks: 5 } }) satisfies Turn
		),
		check: (chat, result) => {
			failed(/stalled mid-stream.*Kiln tried 2 times and gave up/, 1)(chat, result);
			// What the last attempt had streamed stays, as a cut step.
			const texts = lastTurnItems(chat.session).filter((item) => item.kind === 'text');
			expect(texts.map((item) => item.kind === 'text' && item.text)).toEqual([
				expect.stringMatching(/^This par/)
			]);
		}
	},
	{
		fault: 'context overflow (400 prompt too long)',
		turns: [{ fault: { type: 'http', status: 400 } }],
		// The first message: nothing to clear or compact, so no retry; the person is told what to do.
		check: failed(/refused the request as too long.*nothing Kiln can compact or clear yet.*split/)
	},
	{
		fault: '401 key refused',
		turns: [{ fault: { type: 'http', status: 401 } }],
		check: failed(/API key was refused .*\(401\)/)
	}
];

describe.each(FORMATS)('model faults (%s)', (format) => {
	const bench = useFaultBench({ server: true });

	for (const item of CASES) {
		test(`${item.fault} (${format})`, async ({ task }) => {
			const { server } = bench;
			server.setScript([...item.turns, { text: NEXT }]);
			const chat = await bench.open(providerConfig(format, server), {
				...(item.maxAttempts !== undefined && { maxAttempts: item.maxAttempts })
			});
			const result = await chat.send('Please answer.');
			item.check(chat, result);
			const outcome = await afterFault(chat);
			const next = await checkNextMessage(chat, server, format, NEXT);
			recordFaultRow(task, `${item.fault}, ${format}`, outcome, next);
		});
	}
});
