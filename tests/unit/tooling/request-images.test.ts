import { describe, expect, it } from 'vitest';
import { requestImages } from '../../../tooling/mock-model';

describe('requestImages (what a recorded request showed the model)', () => {
	it('finds Anthropic image blocks, also inside tool results, and chat-completions data URLs', () => {
		const anthropic = {
			messages: [
				{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'AAAA' } }] },
				{
					role: 'user',
					content: [
						{
							type: 'tool_result',
							content: [{ type: 'image', source: { type: 'base64', data: 'BBBB' } }]
						}
					]
				}
			]
		};
		const openai = {
			messages: [
				{
					role: 'user',
					content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,CCCC' } }]
				}
			]
		};
		expect(requestImages(anthropic)).toEqual(['AAAA', 'BBBB']);
		expect(requestImages(openai)).toEqual(['CCCC']);
		expect(requestImages({ messages: 'nonsense' })).toEqual([]);
		expect(requestImages(null)).toEqual([]);
	});
});
