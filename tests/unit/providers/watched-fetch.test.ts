import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchedFetch } from '../../../src/lib/providers/watched-fetch';

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('watchedFetch', () => {
	it('starts the fetch in a task after the one that asked for it', async () => {
		const asked: string[] = [];
		vi.stubGlobal('fetch', async (input: string) => {
			asked.push(input);
			return new Response('ok');
		});
		const pending = watchedFetch(() => {})('http://model.test/v1/messages');
		// Microtasks run, but the fetch waits for the next task.
		for (let i = 0; i < 5; i++) await Promise.resolve();
		expect(asked).toEqual([]);
		const response = await pending;
		expect(asked).toEqual(['http://model.test/v1/messages']);
		expect(await response.text()).toBe('ok');
	});

	it('reports each piece of the body as it arrives, before anything parses it', async () => {
		const pieces = ['event: ping\n\n', ': keep-alive\n\n', 'data: {}\n\n'];
		vi.stubGlobal('fetch', async () => {
			const encoder = new TextEncoder();
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					for (const piece of pieces) controller.enqueue(encoder.encode(piece));
					controller.close();
				}
			});
			return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
		});
		let reported = 0;
		const response = await watchedFetch(() => reported++)('http://model.test/v1/messages');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		expect(await response.text()).toBe(pieces.join(''));
		expect(reported).toBe(pieces.length);
	});
});
