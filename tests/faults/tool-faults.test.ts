/**
 * Tool-call faults the model causes, through both wire formats: the bad call gets a tool error
 * the model can act on (never a crash), the card shows it, and the conversation goes on.
 */
import { describe, expect, test } from 'vitest';
import type { Turn } from '../../tooling/mock-model';
import type { ToolCard } from '../../src/lib/state/chat';
import { lastToolResults } from '../unit/agent/harness';
import {
	FORMATS,
	afterFault,
	checkNextMessage,
	lastTurnItems,
	PATIENT_IDLE_TIMEOUT,
	providerConfig,
	recordFaultRow,
	useFaultBench
} from './chat-harness';

const AFTER = 'I have read the tool result.';
const NEXT = 'Still here.';
/** About 2.4 MB of output from one command. */
const HUGE = Array.from({ length: 60_000 }, (_, i) => `line ${i} of a very long build log`).join(
	'\n'
);

interface ToolFault {
	fault: string;
	call: NonNullable<Turn['toolCalls']>[number];
	files?: Record<string, string>;
	/** What the card and the model's tool result must say. */
	card: { ok: boolean; output: RegExp };
	/** Largest tool result the model may receive, in characters. */
	maxResultChars?: number;
}

const CASES: ToolFault[] = [
	{
		fault: 'malformed tool JSON',
		call: { name: 'read', arguments: '{"path": "a.txt", ' },
		files: { 'a.txt': 'hello\n' },
		card: { ok: false, output: /not valid JSON .*Call the tool again with a JSON object/s }
	},
	{
		fault: 'unknown tool',
		call: { name: 'deploy_to_production', input: { target: 'prod' } },
		card: {
			ok: false,
			output: /There is no tool named 'deploy_to_production'\. Available tools: read/
		}
	},
	{
		fault: 'wrong-typed arguments',
		call: { name: 'read', input: { path: 42 } },
		card: { ok: false, output: /path: expected string, got a number \(42\)/ }
	},
	{
		fault: 'huge tool output (2.4 MB from bash)',
		call: { name: 'bash', input: { command: 'cat build.log' } },
		files: { 'build.log': HUGE },
		card: { ok: true, output: /characters cut/ },
		maxResultChars: 40_000
	}
];

describe.each(FORMATS)('tool faults (%s)', (format) => {
	const bench = useFaultBench({ server: true });

	for (const item of CASES) {
		test(`${item.fault} (${format})`, async ({ task }) => {
			const { server } = bench;
			server.setScript([{ toolCalls: [item.call] }, { text: AFTER }, { text: NEXT }]);
			const chat = await bench.open(providerConfig(format, server), {
				idleTimeout: PATIENT_IDLE_TIMEOUT,
				...(item.files && { files: item.files })
			});
			const result = await chat.send('Please use a tool.');

			expect(result).toEqual({ reason: 'completed' });
			const card = lastTurnItems(chat.session).find((i): i is ToolCard => i.kind === 'tool');
			expect(card?.state).toBe(item.card.ok ? 'completed' : 'error');
			expect(card?.output).toMatch(item.card.output);
			// The model received exactly what the card shows, as a tool result.
			const [answer] = server.requests().slice(-1);
			const [sent] = lastToolResults(format, answer!.body as Record<string, unknown>);
			expect(sent?.content).toBe(card?.output);
			if (item.maxResultChars) expect(sent!.content.length).toBeLessThan(item.maxResultChars);

			const shown = card?.state === 'completed' ? [describeCompleted(card)] : [];
			const outcome = await afterFault(chat, shown);
			const next = await checkNextMessage(chat, server, format, NEXT);
			recordFaultRow(task, `${item.fault}, ${format}`, outcome, next);
		});
	}
});

function describeCompleted(card: ToolCard): string {
	const cut = /… (\d+) characters cut …/.exec(card.output);
	return `tool card ${card.name} (completed): ${card.output.length} characters shown${cut ? `, ${cut[1]} cut from the middle` : ''}, ${card.output.split('\n').at(-1)}`;
}
