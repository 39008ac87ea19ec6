/**
 * What the first send needs is fetched in idle time (agent-loader.ts prefetchAgent), and once the
 * tokenizer is in, the texts every request holds are counted ahead: a new chat's first request
 * then counts its tools' definitions from memory instead of in the send's task. A chat with no
 * session yet also gets its session context (AGENTS.md, the project map) made ahead.
 */
import { describe, expect, it, vi } from 'vitest';
import { knownTokenCount } from '../../../../src/lib/agent';
import { sessionContextFor } from '../../../../src/lib/agent/session-context-ahead';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { prefetchAgent } from '../../../../src/lib/state/chat/agent-loader';
import { toolDefinitions } from '../../../../src/lib/tools';
import { openWorkspace } from '../../../../src/lib/workspace';

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

	it("makes a new chat's session context in idle time, from the files the chat names", async () => {
		const runtime = await createBrowserRuntime({
			files: { 'AGENTS.md': 'Answer briefly.\n', 'src/app.ts': 'export function start() {}\n' }
		});
		const workspace = await openWorkspace({ projectId: 'prefetch', runtime });
		try {
			const listed = vi.spyOn(workspace, 'allFiles');
			prefetchAgent(
				() => undefined,
				() => workspace
			);
			await vi.waitFor(() => expect(listed).toHaveBeenCalled(), { timeout: 30_000 });
			// Taken as made: the files are not listed again for the first send.
			const context = await sessionContextFor(workspace);
			expect(listed).toHaveBeenCalledTimes(1);
			expect(context).toContain('Answer briefly.');
			expect(context).toContain('src/app.ts');
		} finally {
			workspace.dispose();
			await runtime.dispose();
		}
	});
});
