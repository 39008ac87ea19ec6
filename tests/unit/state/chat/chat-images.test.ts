import { describe, expect, it } from 'vitest';
import { memorySessionLog, type SessionEvent } from '../../../../src/lib/agent';
import {
	applySessionEvent,
	beginTurn,
	emptyTranscript,
	replay,
	type ChatItem
} from '../../../../src/lib/state/chat';
import { imageSource, previewImages } from '../../../../src/lib/state/chat/chat-images';
import { RED_PNG, SMALL_PNG } from '../../fixtures/images';

const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe('images in the transcript', () => {
	it('shows a message’s images and a tool’s screenshot from the stored log', async () => {
		const log = memorySessionLog();
		const red = await log.putImage(RED_PNG);
		const small = await log.putImage(SMALL_PNG);
		const events: SessionEvent[] = [
			{ type: 'user-message', id: 'u', at: 1, text: 'Like this', images: [red] },
			{
				...{ type: 'assistant-step', id: 's', at: 2, step: 1, model: 'm', usage },
				stopReason: 'tool_use',
				message: {
					role: 'assistant',
					content: [{ type: 'tool_call', id: 'c', name: 'preview', input: {} }]
				}
			},
			{
				...{ type: 'tool-result', at: 3, toolCallId: 'c', name: 'preview', ok: true },
				...{ output: 'Screenshot', images: [small], durationMs: 1 }
			}
		];
		const items = replay(events).turns.flatMap((turn) => turn.items);
		const user = items.find((item) => item.kind === 'user') as Extract<ChatItem, { kind: 'user' }>;
		const card = items.find((item) => item.kind === 'tool') as Extract<ChatItem, { kind: 'tool' }>;
		expect(user.images).toEqual([red]);
		expect(card.images).toEqual([small]);
		expect(imageSource(user.images![0]!, log)).toBe(`data:image/png;base64,${RED_PNG.data}`);
		expect(imageSource(card.images![0]!, log)).toBe(`data:image/png;base64,${SMALL_PNG.data}`);
		// Bytes this browser lost: no source, so the chat says the image is unavailable.
		expect(imageSource(user.images![0]!, memorySessionLog())).toBeUndefined();
	});

	it('shows an image being sent at once, then the stored one when the log has it', async () => {
		const sending = beginTurn(emptyTranscript(), 'Look', 1, { images: previewImages([RED_PNG]) });
		const shown = sending.turns[0]!.items[0] as Extract<ChatItem, { kind: 'user' }>;
		expect(shown.images![0]!.src).toBe(`data:image/png;base64,${RED_PNG.data}`);
		const log = memorySessionLog();
		const ref = await log.putImage(RED_PNG);
		const stored = applySessionEvent(sending, {
			type: 'user-message',
			id: 'u',
			at: 2,
			text: 'Look',
			images: [ref]
		});
		const item = stored.turns[0]!.items[0] as Extract<ChatItem, { kind: 'user' }>;
		expect(stored.turns).toHaveLength(1);
		expect(item).toMatchObject({ id: 'u', images: [ref] });
	});
});
