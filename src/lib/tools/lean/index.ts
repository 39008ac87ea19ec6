/**
 * The tools' parts that load without the tool registry (every tool's schema, the agent's
 * neighbours): for the CLI's help and its fast path, `kiln tool grep` answered by ripgrep,
 * where start-up time is most of the wait.
 */
export { TOOL_NAMES, type ToolName } from '../tool-names';
export { runNativeGrep } from '../grep';
