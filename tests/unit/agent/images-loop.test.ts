import { describe, expect, it } from 'vitest';
import { requestImages } from '../../../tooling/mock-model';
import { RED_PNG } from '../fixtures/images';
import { FORMATS, useAgentHarness } from './harness';

const setup = useAgentHarness();

/** A message as sent, without its moving cache breakpoints (they move on by design). */
function withoutCache(message: unknown): unknown {
	return JSON.parse(JSON.stringify(message), (key, value: unknown) =>
		key === 'cache_control' ? undefined : value
	);
}

describe.each(FORMATS)('an attached image over the %s wire', (format) => {
	it('reaches a model that accepts images as an image, in this request and the next', async () => {
		const h = await setup(format, [{ text: 'I see a red box.' }, { text: 'Still red.' }], {
			agent: { imagesAccepted: true }
		});
		const result = await h.agent.runTurn('What is this?', {
			signal: new AbortController().signal,
			images: [RED_PNG]
		});
		expect(result.reason).toBe('completed');
		await h.run('And now?');
		const [first, second] = h.bodies();
		expect(requestImages(first!)).toEqual([RED_PNG.data]);
		expect(requestImages(second!)).toEqual([RED_PNG.data]);
		// The message with its image is part of the cached prefix: sent again byte for byte.
		const [sentFirst] = first!.messages as unknown[];
		const [sentAgain] = second!.messages as unknown[];
		expect(JSON.stringify(withoutCache(sentAgain))).toBe(JSON.stringify(withoutCache(sentFirst)));
		const message = h.log.events.find((event) => event.type === 'user-message');
		expect(message).toMatchObject({ images: [{ mediaType: 'image/png', width: 4, height: 3 }] });
	});

	it('reaches a model Kiln does not know as a note, not an image', async () => {
		const h = await setup(format, [{ text: 'ok' }]);
		await h.agent.runTurn('What is this?', {
			signal: new AbortController().signal,
			images: [RED_PNG]
		});
		const body = h.bodies()[0]!;
		expect(requestImages(body)).toEqual([]);
		expect(JSON.stringify(body.messages)).toContain(
			'[image: 4×3 PNG image attached by the person not sent: this model does not accept images]'
		);
	});

	it('refuses an image that is not one before anything is stored', async () => {
		const h = await setup(format, [{ text: 'ok' }], { agent: { imagesAccepted: true } });
		const result = await h.agent.runTurn('Look', {
			signal: new AbortController().signal,
			images: [{ ...RED_PNG, data: 'data:image/png;base64,xyz' }]
		});
		expect(result.reason).toBe('error');
		expect(result.error?.message).toMatch(/could not be kept: .*base64/);
		expect(h.bodies()).toEqual([]);
		expect(h.log.events.some((event) => event.type === 'user-message')).toBe(false);
	});
});
