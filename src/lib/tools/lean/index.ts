/**
 * The tools' parts that load without the tool registry (every tool's schema, the agent's
 * neighbours): for the CLI's help and its fast path, `kiln tool grep` answered by ripgrep,
 * where start-up time is most of the wait. The ripgrep path reads its arguments without the
 * schema, so it loads no zod; the grep tool itself (its schema, the in-process engine) is
 * loaded only when the full tool runs, never by `kiln --help` or `kiln --version`.
 */
export { TOOL_NAMES, type ToolName } from '../tool-names';

export async function loadNativeGrep() {
	return (await import('../grep-native')).runNativeGrep;
}
