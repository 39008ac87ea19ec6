/**
 * Opening a stored session counts its tokens in idle time (agent-loader.ts), so the next send
 * does not count the whole history in one long task; opening another stops the first.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { knownTokenCount, loadTokenizer, type SessionEvent } from '../../../../src/lib/agent';
import { warmSessionCounts } from '../../../../src/lib/state/chat/agent-loader';

const COUNTED = 'kiln:session-counted';

const question = (tag: string): SessionEvent => ({
	type: 'user-message',
	id: tag,
	at: 0,
	text: `Question ${tag}: which file starts the server?`
});

afterEach(() => performance.clearMarks(COUNTED));

describe('warming an opened session’s token counts', () => {
	it('counts its messages in idle time, then marks kiln:session-counted', async () => {
		expect(await loadTokenizer()).toBe(true);
		const text = 'Question opened-1: which file starts the server?';
		expect(knownTokenCount(text)).toBeUndefined();

		warmSessionCounts([question('opened-1')]);

		await vi.waitFor(() => expect(performance.getEntriesByName(COUNTED)).toHaveLength(1), {
			timeout: 20_000
		});
		expect(knownTokenCount(text)).toBeGreaterThan(5);
	});

	it('stops warming a session when another opens', async () => {
		warmSessionCounts([question('left-1')]);
		warmSessionCounts([question('opened-2')]);

		await vi.waitFor(() => expect(performance.getEntriesByName(COUNTED)).toHaveLength(1), {
			timeout: 20_000
		});
		expect(knownTokenCount('Question opened-2: which file starts the server?')).toBeDefined();
		expect(knownTokenCount('Question left-1: which file starts the server?')).toBeUndefined();
	});
});
