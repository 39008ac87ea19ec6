import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
	buildMessages,
	buildRequest,
	memorySessionLog,
	type SessionEvent
} from '../../../src/lib/agent';
import {
	imageTokens,
	modelAcceptsImages,
	noVisionNote
} from '../../../src/lib/agent/context/images';
import {
	DEFAULT_CONTEXT_POLICY,
	planClearing,
	snapshotRequest
} from '../../../src/lib/agent/context';
import type { RequestImages } from '../../../src/lib/agent/request-images';
import { runToolCalls } from '../../../src/lib/agent/tool-calls';
import type { ImageRef } from '../../../src/lib/session';
import { createReadTracker, defineTool } from '../../../src/lib/tools';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { openWorkspace } from '../../../src/lib/workspace';
import { RED_PNG, SMALL_PNG } from '../fixtures/images';

const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

async function refsOf() {
	const log = memorySessionLog();
	const red = await log.putImage(RED_PNG);
	const small = await log.putImage(SMALL_PNG);
	return { log, red, small };
}

const screenshotCall = {
	type: 'tool_call',
	id: 'c1',
	name: 'preview',
	input: { action: 'screenshot' }
} as const;

function conversation(red: ImageRef, small: ImageRef): SessionEvent[] {
	return [
		{ type: 'user-message', id: 'u1', at: 0, text: 'Like this', images: [red] },
		{
			...{ type: 'assistant-step', id: 's1', at: 0, step: 1, model: 'm', usage },
			stopReason: 'tool_use',
			message: { role: 'assistant', content: [screenshotCall] }
		},
		{
			type: 'tool-result',
			at: 0,
			toolCallId: 'c1',
			name: 'preview',
			ok: true,
			output: 'Screenshot of /',
			images: [small],
			durationMs: 1
		}
	];
}

describe('images in the request', () => {
	it('sends stored images as image blocks to a model that accepts them, before the person’s text', async () => {
		const { log, red, small } = await refsOf();
		const images: RequestImages = { accepted: true, data: (hash) => log.image(hash) };
		const [first, , results] = buildMessages(conversation(red, small), images);
		expect(first!.content).toEqual([
			{ type: 'image', ...RED_PNG },
			{ type: 'text', text: 'Like this' }
		]);
		expect(results!.content).toEqual([
			{
				type: 'tool_result',
				toolCallId: 'c1',
				content: 'Screenshot of /',
				images: [{ type: 'image', ...SMALL_PNG }]
			}
		]);
	});

	it('sends a model without vision a note in each image’s place', async () => {
		const { log, red, small } = await refsOf();
		const images: RequestImages = { accepted: false, data: (hash) => log.image(hash) };
		const [first, , results] = buildMessages(conversation(red, small), images);
		expect(first!.content[0]).toEqual({
			type: 'text',
			text: '[image: 4×3 PNG image attached by the person not sent: this model does not accept images]'
		});
		expect(results!.content[0]).toEqual({
			type: 'tool_result',
			toolCallId: 'c1',
			content:
				'Screenshot of /\n[image: 2×2 PNG screenshot not sent: this model does not accept images]'
		});
		expect(JSON.stringify(buildMessages(conversation(red, small), images))).not.toContain(
			RED_PNG.data
		);
	});

	it('says so when an image’s bytes are lost, and sends placeholders for cleared images', async () => {
		const { red, small } = await refsOf();
		const lost: RequestImages = { accepted: true, data: () => undefined };
		const [first] = buildMessages(conversation(red, small), lost);
		expect(first!.content[0]).toMatchObject({ text: expect.stringContaining('could not be read') });

		const { log } = await refsOf();
		const events: SessionEvent[] = [
			...conversation(red, small),
			{ type: 'context-cleared', at: 0, toolCallIds: ['u1', 'c1'], tokensFreed: 10 }
		];
		const messages = buildMessages(events, { accepted: true, data: (hash) => log.image(hash) });
		expect(JSON.stringify(messages)).not.toContain('"type":"image"');
		expect(messages[0]!.content[0]).toMatchObject({
			text: '[image: 4×3 PNG image attached by the person cleared to save context — ask the person to attach it again if you need it]'
		});
		const result = messages[2]!.content[0] as { content: string };
		expect(result.content).toContain('[cleared to save context');
		expect(result.content).toContain('2×2 PNG screenshot cleared to save context');
	});

	it('marks the newest user message’s last block as a breakpoint, images included in the prefix', async () => {
		const { log, red } = await refsOf();
		const request = buildRequest({
			model: 'm',
			events: [{ type: 'user-message', id: 'u', at: 0, text: 'hi', images: [red] }],
			tools: [],
			maxTokens: 10,
			images: { accepted: true, data: (hash) => log.image(hash) }
		});
		const content = request.messages[0]!.content;
		expect(content.map((block) => block.type)).toEqual(['image', 'text']);
		expect(content[1]).toEqual({ type: 'text', text: 'hi', cache: {} });
	});
});

describe('what an image costs', () => {
	it('is width×height/750 tokens, after the API’s downscaling of large images', () => {
		expect(imageTokens({ width: 1280, height: 720 })).toBe(1229);
		expect(imageTokens({ width: 200, height: 200 })).toBe(54);
		// A 3000×2000 photo is scaled to 1568 px on its long side, then capped at ~1,600 tokens.
		expect(imageTokens({ width: 3000, height: 2000 })).toBe(1600);
	});

	it('is counted in the request estimate and the snapshot’s images', async () => {
		const { log, red, small } = await refsOf();
		const build = (accepted: boolean) =>
			buildRequest({
				model: 'm',
				events: conversation(red, small),
				tools: [],
				maxTokens: 10,
				images: { accepted, data: (hash) => log.image(hash) }
			});
		const withImages = snapshotRequest(build(true), { kind: 'step' });
		const asNotes = snapshotRequest(build(false), { kind: 'step' });
		expect(withImages.images).toEqual({ count: 2, tokens: 2 });
		expect(asNotes.images).toBeUndefined();
		const screenshot = { width: 1280, height: 720 };
		const big = buildRequest({
			model: 'm',
			events: [
				{ type: 'user-message', id: 'u', at: 0, text: 'x', images: [{ ...red, ...screenshot }] }
			],
			tools: [],
			maxTokens: 10,
			images: { accepted: true, data: (hash) => log.image(hash) }
		});
		const snapshot = snapshotRequest(big, { kind: 'step' });
		expect(snapshot.images).toEqual({ count: 1, tokens: 1229 });
		expect(snapshot.layers.find((layer) => layer.name === 'messages')!.tokens).toBeGreaterThan(
			1229
		);
	});
});

describe('which models accept images', () => {
	it('knows Claude 3+ and OpenAI’s vision models, and says when it does not know', () => {
		expect(modelAcceptsImages('claude-sonnet-4-5-20250929')).toBe(true);
		expect(modelAcceptsImages('anthropic/claude-3.5-haiku')).toBe(true);
		expect(modelAcceptsImages('claude-2.1')).toBe(false);
		expect(modelAcceptsImages('gpt-4o-mini')).toBe(true);
		expect(modelAcceptsImages('openai/gpt-5.1')).toBe(true);
		expect(modelAcceptsImages('o3-mini')).toBe(false);
		expect(modelAcceptsImages('o4-mini')).toBe(true);
		expect(modelAcceptsImages('gpt-3.5-turbo')).toBe(false);
		expect(modelAcceptsImages('qwen2.5-coder:7b')).toBeUndefined();
	});

	it('lets the person’s setting win either way', () => {
		expect(modelAcceptsImages('llava:13b', true)).toBe(true);
		expect(modelAcceptsImages('gpt-4o', false)).toBe(false);
	});
});

describe('clearing images', () => {
	it('clears an old screenshot and an attached image when the model gets them as images', async () => {
		const { red, small } = await refsOf();
		const large = (ref: ImageRef): ImageRef => ({ ...ref, width: 1280, height: 720 });
		const events = conversation(large(red), large(small));
		const policy = { ...DEFAULT_CONTEXT_POLICY, keepRecentResults: 0, minClearTokens: 1000 };
		const plan = planClearing({
			events,
			estimate: 100_000,
			window: 100_000,
			policy,
			imagesAccepted: true
		});
		expect(plan?.toolCallIds).toEqual(['u1', 'c1']);
		expect(plan!.tokensFreed).toBeGreaterThan(2 * 1229 - 100);
		// As notes, images cost next to nothing: nothing worth clearing.
		expect(planClearing({ events, estimate: 100_000, window: 100_000, policy })).toBeUndefined();
	});
});

describe('a tool’s images', () => {
	it('are stored with the session and named by hash in the tool-result event', async () => {
		const runtime = await createBrowserRuntime({ files: {} });
		const workspace = await openWorkspace({ projectId: 'images', runtime });
		try {
			const log = memorySessionLog();
			const shot = defineTool({
				name: 'shot',
				description: 'Takes a picture.',
				parameters: z.object({}),
				readOnly: true,
				summarize: () => 'shot',
				execute: async () => ({
					ok: true,
					output: 'done',
					images: [RED_PNG, { ...SMALL_PNG, data: 'not base64!' }]
				})
			});
			const [result] = await runToolCalls(
				[{ type: 'tool-call-end', id: 'c1', name: 'shot', rawArguments: '{}', input: {} }],
				{
					...{ workspace, runtime, readTracker: createReadTracker(), tools: [shot] },
					...{ emit: () => {}, onTodos: () => {}, signal: new AbortController().signal },
					persist: (event) => log.append(event),
					putImage: (image) => log.putImage(image)
				}
			);
			expect(result!.images).toHaveLength(1);
			expect(result!.images![0]).toMatchObject({ mediaType: 'image/png', width: 4, height: 3 });
			expect(log.image(result!.images![0]!.hash)).toBe(RED_PNG.data);
			expect(result!.output).toMatch(
				/^done\n\[an image this tool returned could not be kept: .*base64/
			);
			expect(log.events[0]).toEqual(result);
		} finally {
			workspace.dispose();
			await runtime.dispose();
		}
	});
});

describe('the no-vision note', () => {
	it('reads as the issue asks', () => {
		const ref = { hash: 'x', mediaType: 'image/png', width: 1280, height: 720, bytes: 1 } as const;
		expect(noVisionNote(ref, 'screenshot')).toBe(
			'[image: 1280×720 PNG screenshot not sent: this model does not accept images]'
		);
	});
});
