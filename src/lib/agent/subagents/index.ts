// Subagents for the task tool: a fresh Agent per task with a restricted tool set, run in parallel.
export {
	createSubagentRunner,
	DEFAULT_SUBAGENT_MAX_PARALLEL,
	DEFAULT_SUBAGENT_MAX_STEPS,
	type SubagentRunner,
	type SubagentRunnerOptions
} from './runner';
export { subagentPolicy, subagentSystemText, subagentTools } from './profiles';
export { readOnlyRuntime, readOnlyWorkspace } from './read-only-guards';
export { createSemaphore, type Semaphore } from './semaphore';
export { shapeRequest } from './shaped-provider';
