// The context benchmark (issue 4, item 9): scripted sessions replayed through Kiln's agent
// against the mock model server's prompt-cache simulator, beside two baselines.
export {
	runContextBenchmark,
	hasOverflow,
	benchTokenizer,
	type BenchmarkOptions
} from './benchmark';
export {
	checkTargets,
	formatTable,
	formatTargets,
	TARGETS,
	type BenchReport,
	type SessionReport,
	type TargetCheck
} from './report';
export { measure, READ_WEIGHT, WRITE_WEIGHT, type RunMetrics } from './harness/metrics';
export {
	VARIANTS,
	NO_CLEARING,
	stripCacheMarkers,
	pasteProject,
	type Variant,
	type VariantId
} from './harness/variants';
export { ScriptPlayer, type RequestKind, type PastedProject } from './harness/script-player';
export {
	renderProject,
	stripPasteCalls,
	withHiddenReads,
	isAnsweredFromPaste,
	PASTE_CALL_PREFIX
} from './harness/paste';
export { requestKind } from './harness/bench-provider';
export { BENCH_MODEL } from './harness/replay';
export { allSessions, SessionBuilder, stepCount, type BenchSession } from './sessions';
export { generateProject, DEFAULT_SEED, type ProjectOptions } from './fixture/generate-project';
