/**
 * Replays one scripted session through the real Agent (request builder, clearing, compaction,
 * tools over a browser runtime) against the mock server with the cache simulator on.
 */
import {
	createProjectAgent,
	memorySessionLog,
	loadModelCatalog,
	modelInfo,
	type ModelInfo,
	type SessionEvent,
	type TurnResult
} from '../../../src/lib/agent';
import { createProvider } from '../../../src/lib/providers';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { openWorkspace } from '../../../src/lib/workspace';
import type { CacheAccount, MockModelServer } from '../../../tooling/mock-model';
import type { PrefixTrace } from '../../../tooling/mock-model/cache';
import { generateProject } from '../fixture/generate-project';
import type { BenchSession } from '../sessions';
import { BenchProvider } from './bench-provider';
import { ScriptPlayer } from './script-player';
import type { Variant } from './variants';

export const BENCH_MODEL = 'claude-sonnet-4-6';

export interface ReplayResult {
	accounts: CacheAccount[];
	/** Requests the simulated API refused (prompt too long, too many breakpoints). */
	refusals: string[];
	events: SessionEvent[];
	turns: TurnResult[];
	/** Requests the agent made beyond the script (should be 0). */
	extraRequests: number;
	/** Each request's prefix as the cache saw it, for the perfect-cache floor. */
	trace: PrefixTrace[];
	/** Scripted calls the pasted project answered (whole-project baseline only). */
	answeredFromPaste: number;
}

export async function replaySession(
	session: BenchSession,
	variant: Variant,
	server: MockModelServer,
	given?: ModelInfo
): Promise<ReplayResult> {
	await loadModelCatalog();
	const model = given ?? modelInfo(BENCH_MODEL);
	server.reset();
	const runtime = await createBrowserRuntime({ files: generateProject(session.fixture) });
	const workspace = await openWorkspace({ projectId: `bench-${session.id}`, runtime });
	try {
		const log = memorySessionLog();
		const player = new ScriptPlayer(
			session,
			variant.pastesProject ? { exists: (path) => workspace.exists(path) } : undefined
		);
		const projectFiles = async () =>
			workspace
				.allFiles()
				.filter((file) => !file.ignored)
				.map((file): [string, string] => [file.path, workspace.peekText(file.path) ?? ''])
				.sort(([a], [b]) => a.localeCompare(b));
		const inner = createProvider({
			provider: 'anthropic',
			apiKey: 'sk-ant-bench-0000',
			baseUrl: server.url,
			model: BENCH_MODEL
		});
		// Built as the app and the CLI build it: project memory and map, frozen at session start.
		const agent = createProjectAgent({
			config: { provider: 'anthropic', model: BENCH_MODEL },
			provider: new BenchProvider({
				inner,
				server,
				player,
				variant,
				log,
				projectFiles,
				model: BENCH_MODEL
			}),
			modelInfo: model,
			workspace,
			runtime: () => runtime,
			log,
			retry: { maxAttempts: 1 },
			...(variant.contextPolicy ? { contextPolicy: variant.contextPolicy } : {})
		});

		const turns: TurnResult[] = [];
		for (const [index, turn] of session.turns.entries()) {
			player.beginTurn(index);
			const result = await agent.runTurn(turn.prompt, { signal: new AbortController().signal });
			turns.push(result);
		}
		return {
			accounts: server.cache?.history() ?? [],
			refusals: server.cache?.refusals() ?? [],
			events: [...log.events],
			turns,
			extraRequests: player.extraRequests,
			trace: server.cache?.prefixTrace() ?? [],
			answeredFromPaste: player.answeredFromPaste
		};
	} finally {
		workspace.dispose();
		await runtime.dispose();
	}
}
