import { describe, expect, it } from 'vitest';
import type { ImageBlock, ModelRequest } from '../../../src/lib/providers';
import { toAnthropicParams } from '../../../src/lib/providers/anthropic-request';
import { toOpenAIParams } from '../../../src/lib/providers/openai-request';
import { RED_PNG } from '../fixtures/images';
import { sampleRequest } from './helpers';

const image: ImageBlock = { type: 'image', ...RED_PNG };
const dataUrl = `data:image/png;base64,${RED_PNG.data}`;

/** A user message with an image, after a step whose tool returned a screenshot. */
function requestWithImages(): ModelRequest {
	return sampleRequest({
		messages: [
			{ role: 'user', content: [image, { type: 'text', text: 'Make it look like this.' }] },
			{
				role: 'assistant',
				content: [
					{ type: 'tool_call', id: 'call_1', name: 'preview', input: { action: 'screenshot' } },
					{ type: 'tool_call', id: 'call_2', name: 'read', input: { path: 'a.ts' } }
				]
			},
			{
				role: 'user',
				content: [
					{
						type: 'tool_result',
						toolCallId: 'call_1',
						content: 'Screenshot of /',
						images: [image],
						cache: {}
					},
					{ type: 'tool_result', toolCallId: 'call_2', content: 'x' }
				]
			}
		]
	});
}

describe('image blocks on the Anthropic wire', () => {
	it('sends a user image as a base64 image block, in its place before the text', () => {
		const params = toAnthropicParams(requestWithImages());
		expect(params.messages[0]).toEqual({
			role: 'user',
			content: [
				{
					type: 'image',
					source: { type: 'base64', media_type: 'image/png', data: RED_PNG.data }
				},
				{ type: 'text', text: 'Make it look like this.' }
			]
		});
	});

	it('puts a tool’s images inside its tool_result, after its text; text-only results stay strings', () => {
		const params = toAnthropicParams(requestWithImages());
		expect(params.messages[2]!.content).toEqual([
			{
				type: 'tool_result',
				tool_use_id: 'call_1',
				content: [
					{ type: 'text', text: 'Screenshot of /' },
					{
						type: 'image',
						source: { type: 'base64', media_type: 'image/png', data: RED_PNG.data }
					}
				],
				cache_control: { type: 'ephemeral' }
			},
			{ type: 'tool_result', tool_use_id: 'call_2', content: 'x' }
		]);
	});

	it('leaves out an empty text beside a screenshot (the API refuses empty text blocks)', () => {
		const request = requestWithImages();
		const results = request.messages[2]!.content;
		results[0] = { type: 'tool_result', toolCallId: 'call_1', content: '', images: [image] };
		const content = toAnthropicParams(request).messages[2]!.content as { content: unknown }[];
		expect(content[0]!.content).toEqual([
			{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: RED_PNG.data } }
		]);
	});
});

describe('image parts on the chat-completions wire', () => {
	it('sends a user image as an image_url data URL part, text as a text part', () => {
		const params = toOpenAIParams(requestWithImages(), 'openai');
		expect(params.messages[1]).toEqual({
			role: 'user',
			content: [
				{ type: 'image_url', image_url: { url: dataUrl } },
				{ type: 'text', text: 'Make it look like this.' }
			]
		});
	});

	it('answers the calls with text tool messages, then one user message with the images, naming the call', () => {
		const params = toOpenAIParams(requestWithImages(), 'openai');
		expect(params.messages.slice(3)).toEqual([
			{ role: 'tool', tool_call_id: 'call_1', content: 'Screenshot of /' },
			{ role: 'tool', tool_call_id: 'call_2', content: 'x' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'The image returned by tool call call_1:' },
					{ type: 'image_url', image_url: { url: dataUrl } }
				]
			}
		]);
	});

	it('keeps a text-only user message a plain string, as before images', () => {
		const params = toOpenAIParams(
			sampleRequest({
				messages: [
					{
						role: 'user',
						content: [
							{ type: 'text', text: 'reminder' },
							{ type: 'text', text: 'hello' }
						]
					}
				]
			}),
			'openai'
		);
		expect(params.messages[1]).toEqual({ role: 'user', content: 'reminder\n\nhello' });
	});
});
