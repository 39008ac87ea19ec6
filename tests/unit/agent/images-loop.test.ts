import { describe, expect, it } from 'vitest';
import { RED_PNG } from '../fixtures/images';
import { FORMATS, useAgentHarness } from './harness';

const setup = useAgentHarness();

type Json = Record<string, unknown>;

/** The image parts of a request body's messages, whatever the wire format. */
function imagesSent(body: Json): string[] {
	const found: string[] = [];
	const visit = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object') {
			const block = value as Json;
			if (block.type === 'image') found.push((block.source as Json).data as string);
			else if (block.type === 'image_url') found.push((block.image_url as Json).url as string);
			else Object.values(block).forEach(visit);
		}
	};
	visit(body.messages);
	return found;
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
		const expected =
			format === 'anthropic' ? RED_PNG.data : `data:image/png;base64,${RED_PNG.data}`;
		expect(imagesSent(first!)).toEqual([expected]);
		expect(imagesSent(second!)).toEqual([expected]);
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
		expect(imagesSent(body)).toEqual([]);
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
