/**
 * On a slow line the tokenizer's 2 MB take seconds: the idle prefetch (agent-loader.ts) makes a
 * new chat's session context without waiting for it, so the first send does not build the map
 * itself. Here the tokenizer's warm-up never ends.
 */
import { expect, it, vi } from 'vitest';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import {
	CONTEXT_WITHOUT_TOKENIZER_AFTER_MS,
	prefetchAgent
} from '../../../../src/lib/state/chat/agent-loader';
import { openWorkspace } from '../../../../src/lib/workspace';

vi.mock('../../../../src/lib/state/chat/agent-code', async (original) => ({
	...(await original<typeof import('../../../../src/lib/state/chat/agent-code')>()),
	warmSessionTokenCounts: () => new Promise<void>(() => {})
}));

it("makes a new chat's session context while the tokenizer is still on its way", async () => {
	const runtime = await createBrowserRuntime({
		files: { 'AGENTS.md': 'Answer briefly.\n', 'src/app.ts': 'export function start() {}\n' }
	});
	const workspace = await openWorkspace({ projectId: 'prefetch-slow', runtime });
	try {
		const listed = vi.spyOn(workspace, 'allFiles');
		const started = performance.now();
		prefetchAgent(
			() => undefined,
			() => workspace
		);
		await vi.waitFor(() => expect(listed).toHaveBeenCalled(), { timeout: 10_000 });
		expect(performance.now() - started).toBeGreaterThanOrEqual(CONTEXT_WITHOUT_TOKENIZER_AFTER_MS);
		// What a send takes of it is session-context-rough.test.ts's.
	} finally {
		workspace.dispose();
		await runtime.dispose();
	}
});
