/**
 * A new chat's session context made ahead while the tokenizer still loads (a slow line: its 2 MB
 * take seconds) has its map counted at about four characters a token. It serves a first send
 * that does not wait for the tokenizer, and is made again once the tokenizer is in. Its own file:
 * the tokenizer, once loaded, stays loaded for the whole file.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTokenizer, tokenizerReady } from '../../../src/lib/agent';
import {
	prepareSessionContext,
	sessionContextFor
} from '../../../src/lib/agent/session-context-ahead';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';
import { fixtureProject } from './project/fixture-project';

const opened: Workspace[] = [];

afterEach(async () => {
	vi.restoreAllMocks();
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

describe('a session context made before the tokenizer is in', () => {
	it('serves a send that does not wait, and is made again once the tokenizer is in', async () => {
		const runtime = await createBrowserRuntime({ files: fixtureProject });
		const workspace = await openWorkspace({ projectId: 'rough', runtime });
		opened.push(workspace);
		expect(tokenizerReady()).toBe(false);
		const listed = vi.spyOn(workspace, 'allFiles');

		const roughly = prepareSessionContext(workspace);
		// Still loading: a send that does not wait for the tokenizer (the app's) takes it as made.
		expect(tokenizerReady()).toBe(false);
		const taken = await sessionContextFor(workspace, { countNow: true });
		expect(listed).toHaveBeenCalledTimes(1);
		expect(taken).toContain('src/main.ts');
		await roughly;

		expect(await loadTokenizer()).toBe(true);
		// Counted exactly now: asked for again (the idle prefetch does), it is made again...
		await prepareSessionContext(workspace);
		expect(listed).toHaveBeenCalledTimes(2);
		// ...and that is what the send takes, without listing the files a third time.
		const exact = await sessionContextFor(workspace, { countNow: true });
		expect(listed).toHaveBeenCalledTimes(2);
		expect(exact).toContain('src/main.ts');
	});
});
