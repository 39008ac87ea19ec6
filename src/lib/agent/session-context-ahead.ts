/**
 * A new chat's session context (the project's AGENTS.md and its map, frozen into the first
 * request) made ahead, in idle time: the first send then does not build a 2,000-file map (~200
 * ms here, in slices) between the person's Enter and the request. What was made ahead is used
 * only while every file is as it was (the workspace's revision): any change since, and the send
 * builds it afresh, as it always did. One made while the tokenizer was still loading (its map
 * counted at about four characters a token) stands only until the tokenizer is in: from then on
 * it is made again, as the send would make it then.
 */
import type { ToolWorkspace } from '../tools';
import { tokenizerReady } from './context';
import { formatSessionContext } from './context/session-context';
import {
	buildProjectMap,
	DEFAULT_MAP_TOKENS,
	loadProjectMemory,
	tokenCounterNow,
	type CountTokens
} from './project';

/** Tokens of the project map in the session context: the same in the app, the CLI and the bench. */
export const PROJECT_MAP_TOKENS = DEFAULT_MAP_TOKENS;

type Made = {
	readonly revision: number;
	/** Counted without the tokenizer: replaced once it is in. */
	readonly rough: boolean;
	readonly context: Promise<string | undefined>;
};
const madeAhead = new WeakMap<ToolWorkspace, Made>();

/**
 * The session context for `workspace` as it is now. `countNow`: count the map's tokens with
 * what is loaded (the tokenizer, or an upper bound while it loads) instead of waiting for it.
 */
export function sessionContextFor(
	workspace: ToolWorkspace,
	options: { readonly countNow?: boolean } = {}
): Promise<string | undefined> {
	const countNow = options.countNow ?? false;
	const build = () => buildSessionContext(workspace, countNow ? tokenCounterNow() : undefined);
	const ahead = madeAhead.get(workspace);
	// One still being made may yet fail: the send then builds its own, as it would have.
	if (ahead && stillCurrent(ahead, workspace, countNow)) return ahead.context.catch(build);
	return build();
}

/**
 * Made for the files as they are, and counted as the send would count them now: roughly only
 * while the tokenizer loads, and only for a send that does not wait for it.
 */
function stillCurrent(made: Made, workspace: ToolWorkspace, countNow: boolean): boolean {
	return made.revision === workspace.revision && (!made.rough || (countNow && !tokenizerReady()));
}

/**
 * Makes the session context now, for the next new session's first send, counting the map with
 * what is loaded (as that send would: `countNow`). Only where the workspace counts its changes
 * (the app's); a failure is forgotten, and the send builds it.
 */
export function prepareSessionContext(workspace: ToolWorkspace): Promise<void> {
	const revision = workspace.revision;
	if (revision === undefined) return Promise.resolve();
	const current = madeAhead.get(workspace);
	if (current && stillCurrent(current, workspace, true)) return current.context.then(() => {});
	const rough = !tokenizerReady();
	const context = buildSessionContext(workspace, tokenCounterNow());
	madeAhead.set(workspace, { revision, rough, context });
	return context.then(
		() => {},
		() => {
			if (madeAhead.get(workspace)?.context === context) madeAhead.delete(workspace);
		}
	);
}

async function buildSessionContext(
	workspace: ToolWorkspace,
	countTokens?: CountTokens
): Promise<string | undefined> {
	return formatSessionContext({
		memory: await loadProjectMemory(workspace),
		map: await buildProjectMap(workspace, {
			maxTokens: PROJECT_MAP_TOKENS,
			...(countTokens ? { countTokens } : {})
		})
	});
}
