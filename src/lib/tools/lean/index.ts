/**
 * The tools' parts that load without the tool registry (every tool's schema, the agent's
 * neighbours): for the CLI's help and its fast path, `kiln tool grep` answered by ripgrep,
 * where start-up time is most of the wait. The grep tool itself (its schema, zod, the engine)
 * is loaded only by the command that runs it, not by `kiln --help` or `kiln --version`.
 */
export { TOOL_NAMES, type ToolName } from '../tool-names';

export async function loadNativeGrep() {
	return (await import('../grep')).runNativeGrep;
}
