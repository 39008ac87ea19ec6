import type { ModelRequest, StreamEvent } from '../../../src/lib/providers';

/** A small request in the normalised shape, with everything a real step carries. */
export function sampleRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
	return {
		model: 'mock-model',
		system: [{ text: 'You are Kiln.', cache: {} }],
		tools: [
			{
				name: 'read',
				description: 'Read a file.',
				inputSchema: {
					type: 'object',
					properties: { path: { type: 'string' } },
					required: ['path']
				},
				cache: {}
			}
		],
		messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
		maxTokens: 1024,
		...overrides
	};
}

export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
	const out: StreamEvent[] = [];
	for await (const event of events) out.push(event);
	return out;
}

/** Resolves with the error the iteration threw; fails the test if it did not throw. */
export async function streamError(events: AsyncIterable<StreamEvent>): Promise<unknown> {
	try {
		await collect(events);
	} catch (error) {
		return error;
	}
	throw new Error('expected the stream to fail, but it completed');
}

export function textOf(events: StreamEvent[]): string {
	return events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
}
