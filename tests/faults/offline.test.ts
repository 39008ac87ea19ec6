/**
 * Offline: nothing listens at the Base URL (connection refused). Kiln retries, then says what
 * happened; once the server is back, the next message works without touching Settings.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../tooling/mock-model';
import {
	FORMATS,
	afterFault,
	checkNextMessage,
	lastTurnItems,
	providerConfig,
	recordFaultRow,
	useFaultBench
} from './chat-harness';

describe.each(FORMATS)('offline (%s)', (format) => {
	const bench = useFaultBench();
	let server: MockModelServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	test(`offline: connection refused, then back (${format})`, async ({ task }) => {
		// A port that was just free: nothing listens there once this server is closed.
		const probe = await startMockModelServer();
		const { port, url } = probe;
		await probe.close();

		const chat = await bench.open(providerConfig(format, { url }), { maxAttempts: 3 });
		const result = await chat.send('Please answer.');
		expect(result).toEqual({ reason: 'error' });
		expect(chat.waits).toHaveLength(2);
		for (const wait of chat.waits)
			expect(wait).toMatch(/Could not reach .* at http:\/\/127\.0\.0\.1/);
		const notice = lastTurnItems(chat.session).find((item) => item.kind === 'notice');
		expect(notice?.kind === 'notice' && notice.message).toMatch(
			/Could not reach .*Check your connection.*Kiln tried 3 times and gave up/
		);
		const outcome = await afterFault(chat);

		// The network is back: the same address answers again.
		server = await startMockModelServer({ port, script: [{ text: 'Back online.' }] });
		const next = await checkNextMessage(chat, server, format, 'Back online.');
		recordFaultRow(task, `offline (connection refused), ${format}`, outcome, next);
	});
});
