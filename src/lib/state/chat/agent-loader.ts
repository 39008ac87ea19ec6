/**
 * The agent's code (agent-code.ts) loads on the first send, not with the IDE: it is the loop, the
 * tools and their zod schemas and the subagents; the project map's grammars load beside it
 * (load-outliner.ts). prefetchAgent() fetches it in idle time once the IDE is up, with the
 * tokenizer's tables, the model catalog and the configured provider's SDK, so the send itself
 * rarely waits for any of them.
 */
import type { SessionEvent } from '../../agent';
import { loadModelCatalog, loadOutliner } from '../../agent/light';
import { markPerf, PERF_MARKS } from '../../perf';
import { preloadProvider, type ProviderConfig } from '../../providers';
import { whenIdle } from '../../runtime';
import type { ToolWorkspace } from '../../tools';
import { loadToolSummaries } from './tool-summaries';

export type AgentCode = typeof import('./agent-code');

let loading: Promise<AgentCode> | undefined;

/** The agent's code, loaded once; a failed load (offline) is tried again on the next call. */
export function loadAgentCode(): Promise<AgentCode> {
	if (loading) return loading;
	// The transcript's tool summaries come with it: a turn's tool cards need them. The project
	// map's grammars are asked for at the same time, not once the map needs them.
	void loadOutliner().catch(() => {}); // the map's build reports a failure
	const attempt = Promise.all([import('./agent-code'), loadToolSummaries()]).then(([code]) => code);
	loading = attempt;
	attempt.catch(() => {
		if (loading === attempt) loading = undefined;
	});
	return attempt;
}

/** How long a prefetch or a warm-up may wait for the page to be idle. */
const IDLE = { timeoutMs: 5_000 };

/**
 * How long the session context made ahead waits for the tokenizer before it is made without it
 * (and again with it): a fast line has the tokenizer by then, and makes it once.
 */
export const CONTEXT_WITHOUT_TOKENIZER_AFTER_MS = 2_000;

/**
 * Fetches, in idle time, what the first send needs: the agent's code, then the tokenizer's
 * tables, the model catalog (windows and prices, ~75 KiB that opening the IDE no longer waits
 * for) and the SDK of the provider the settings name (when they name one). Nothing is run;
 * failures are left for the send, which retries and explains. Once the tokenizer is in, the
 * tools' definitions and the system prompt are counted a slice at a time in idle time: every
 * request holds them, and a new chat's first one counted them all in one task (~20 ms here, a
 * long task on a slower CPU). Then, when `newChatFiles` names a workspace (the chat shows no
 * session yet), a new session's context (AGENTS.md and the project map) is made from it, so the
 * first send does not build the map between the person's Enter and the request. Where the
 * tokenizer takes long (its 2 MB on a slow line), the context is made without it meanwhile, its
 * map counted roughly, and made again once it is in: at Fast 3G + 4× CPU the first send had
 * built it itself, 0.5–1.6 s between the Enter and the request.
 */
export function prefetchAgent(
	provider: () => Pick<ProviderConfig, 'provider'> | undefined,
	newChatFiles: () => ToolWorkspace | undefined = () => undefined
): void {
	whenIdle(() => {
		void loadAgentCode().then(
			(code) =>
				whenIdle(() => {
					// loads the tokenizer first, which the map counts with
					const counted = code.warmSessionTokenCounts([]).catch(() => {});
					void loadModelCatalog();
					const config = provider();
					if (config) void preloadProvider(config);
					const makeContext = () =>
						whenIdle(() => {
							const workspace = newChatFiles();
							if (workspace) void code.prepareSessionContext(workspace);
						}, IDLE);
					const early = setTimeout(makeContext, CONTEXT_WITHOUT_TOKENIZER_AFTER_MS);
					void counted.then(() => {
						clearTimeout(early);
						makeContext();
					});
				}, IDLE),
			() => {}
		);
	}, IDLE);
}

let warming: AbortController | undefined;

/**
 * Counts an opened session's tokens in idle time (after the agent's code and the tokenizer), so
 * its next send counts from memory instead of counting the whole history in one long task.
 * Opening another session stops the warming of the one before.
 */
export function warmSessionCounts(events: readonly SessionEvent[]): void {
	warming?.abort();
	if (events.length === 0) return;
	const controller = new AbortController();
	warming = controller;
	whenIdle(() => {
		if (controller.signal.aborted) return;
		void loadAgentCode()
			.then((code) => code.warmSessionTokenCounts(events, controller.signal))
			.then(
				() => {
					if (!controller.signal.aborted) markPerf(PERF_MARKS.sessionCounted);
				},
				() => {}
			);
	}, IDLE);
}
