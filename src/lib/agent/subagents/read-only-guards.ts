/**
 * A read-only view of the workspace and the runtime for explore subagents: a second line of
 * defence under the permission policy, so a call the policy missed (or a loop that was not
 * given the policy) still cannot change the project. Refusals are ToolErrors, which the tool
 * registry hands to the model as a plain message.
 */
import type { BackgroundProcesses, Runtime, RuntimeFs } from '../../runtime';
import { ToolError, type ToolWorkspace } from '../../tools';
import { classifyCommand } from '../permissions';

const REFUSAL =
	'You are an explore subagent: you may only read, search and run read-only commands, so this change was refused. Report what should be changed instead.';

export function readOnlyWorkspace(inner: ToolWorkspace): ToolWorkspace {
	return {
		exists: (path) => inner.exists(path),
		isDirectory: (path) => inner.isDirectory(path),
		getFile: (path) => inner.getFile(path),
		listDir: (path) => inner.listDir(path),
		allFiles: () => inner.allFiles(),
		peekText: (path) => inner.peekText(path),
		readText: (path) => inner.readText(path),
		readBytes: (path) => inner.readBytes(path),
		writeFile: async () => {
			throw new ToolError(REFUSAL);
		}
	};
}

export function readOnlyRuntime(inner: Runtime): Runtime {
	const refuse = async (): Promise<never> => {
		throw new ToolError(REFUSAL);
	};
	const fs: RuntimeFs = {
		readFile: (path) => inner.fs.readFile(path),
		readTextFile: (path) => inner.fs.readTextFile(path),
		readdir: (path) => inner.fs.readdir(path),
		watch: (listener) => inner.fs.watch(listener),
		writeFile: refuse,
		mkdir: refuse,
		rm: refuse,
		rename: refuse,
		...(inner.fs.stat ? { stat: (path: string) => inner.fs.stat!(path) } : {})
	};
	return {
		get capabilities() {
			return inner.capabilities;
		},
		fs,
		async exec(command, options) {
			const verdict = classifyCommand(command);
			if (!verdict.readOnly) {
				throw new ToolError(
					`${REFUSAL} Only read-only commands may run, and this one was refused because ${verdict.reason}.`
				);
			}
			return inner.exec(command, options);
		},
		openShell: refuse,
		...(inner.processes ? { processes: readOnlyProcesses(inner.processes) } : {}),
		onPreview: (listener) => inner.onPreview(listener),
		// The runtime belongs to the session, not to the subagent.
		dispose: async () => {}
	};
}

/** Reading the session's processes is harmless; starting or stopping one is not for explorers. */
function readOnlyProcesses(inner: BackgroundProcesses): BackgroundProcesses {
	const refuse = async (): Promise<never> => {
		throw new ToolError(`${REFUSAL} Background processes may not be started or stopped.`);
	};
	return {
		start: refuse,
		kill: refuse,
		killAll: refuse,
		track: (command, options) => inner.track(command, options),
		list: () => inner.list(),
		get: (id) => inner.get(id),
		// The parent's read position and its reminders are the parent's: an explorer only peeks.
		readNew: (id) => inner.peek(id),
		peek: (id) => inner.peek(id),
		recentOutput: (id, maxChars) => inner.recentOutput(id, maxChars),
		settle: (id, waitMs, signal) => inner.settle(id, waitMs, signal),
		// The parent is told of its processes' ends, not the explorer.
		takeUnseenEnds: () => [],
		subscribe: (listener) => inner.subscribe(listener)
	};
}
