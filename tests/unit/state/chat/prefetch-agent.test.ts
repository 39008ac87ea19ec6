/**
 * What the first send needs is fetched in idle time (agent-loader.ts prefetchAgent), and once the
 * tokenizer is in, the texts every request holds are counted ahead: a new chat's first request
 * then counts its tools' definitions from memory instead of in the send's task.
 */
import { describe, expect, it, vi } from 'vitest';
import { knownTokenCount } from '../../../../src/lib/agent';
import { prefetchAgent } from '../../../../src/lib/state/chat/agent-loader';
import { toolDefinitions } from '../../../../src/lib/tools';

describe('prefetching the agent', () => {
	it('counts every tool definition’s texts in idle time, with no chat open', async () => {
		const texts = toolDefinitions().flatMap((tool) => [
			tool.description,
			JSON.stringify(tool.inputSchema)
		]);
		expect(texts.length).toBeGreaterThan(5);
		expect(texts.filter((text) => knownTokenCount(text) !== undefined)).toEqual([]);

		prefetchAgent(() => undefined);

		await vi.waitFor(
			() => expect(texts.filter((text) => knownTokenCount(text) === undefined)).toEqual([]),
			{ timeout: 30_000 }
		);
		expect(Math.min(...texts.map((text) => knownTokenCount(text)!))).toBeGreaterThan(0);
	});
});
