import { createReadTracker, runTool, type ToolResult } from '../lib/tools';
import { openProject } from './open-project';
import type { CliOutput } from './output';
import type { RuntimeChoice } from './parse-options';

/**
 * One tool call on the folder opened as the agent sees it (indexed into a workspace). Loaded
 * on use, so `kiln tool grep` answered by ripgrep never loads the tool registry.
 */
export async function runToolOnProject(
	dir: string,
	runtimeChoice: RuntimeChoice,
	name: string,
	toolArgs: unknown,
	signal: AbortSignal,
	output: CliOutput
): Promise<ToolResult> {
	const project = await openProject(dir, runtimeChoice);
	if (project.note) output.err(project.note);
	try {
		return await runTool(name, toolArgs, {
			workspace: project.workspace,
			runtime: project.runtime,
			signal,
			readTracker: createReadTracker()
		});
	} finally {
		await project.dispose();
	}
}
