/**
 * Offline: nothing listens at the Base URL (connection refused). Kiln retries, then says what
 * happened; once the server is back, the next message works without touching Settings.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../tooling/mock-model';
import { recordRow } from '../suite-table/row';
import {
	FORMATS,
	checkConsistent,
	checkNextMessage,
	lastTurnItems,
	openFaultChat,
	providerConfig,
	whatWasSeen,
	type FaultChat
} from './chat-harness';

describe.each(FORMATS)('offline (%s)', (format) => {
	let server: MockModelServer | undefined;
	let chat: FaultChat | undefined;
	afterEach(async () => {
		await chat?.dispose();
		await server?.close();
		chat = undefined;
		server = undefined;
	});

	test(`offline: connection refused, then back (${format})`, async ({ task }) => {
		// A port that was just free: nothing listens there once this server is closed.
		const probe = await startMockModelServer();
		const { port, url } = probe;
		await probe.close();

		chat = await openFaultChat(providerConfig(format, { url }), { maxAttempts: 3 });
		const result = await chat.send('Please answer.');
		expect(result).toEqual({ reason: 'error' });
		expect(chat.waits).toHaveLength(2);
		for (const wait of chat.waits)
			expect(wait).toMatch(/Could not reach .* at http:\/\/127\.0\.0\.1/);
		const notice = lastTurnItems(chat.session).find((item) => item.kind === 'notice');
		expect(notice?.kind === 'notice' && notice.message).toMatch(
			/Could not reach .*Check your connection.*Kiln tried 3 times and gave up/
		);
		const seen = whatWasSeen(chat);
		const consistent = await checkConsistent(chat);

		// The network is back: the same address answers again.
		server = await startMockModelServer({ port, script: [{ text: 'Back online.' }] });
		const next = await checkNextMessage(chat, server, format, 'Back online.');
		recordRow(task, {
			fault: `offline (connection refused), ${format}`,
			'what the person saw': seen,
			'transcript consistent': consistent,
			'next message works': next
		});
	});
});
