import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { describeProcessStatus, formatAge } from '../runtime';
import { processTable } from './process-report';
import { ToolError } from './tool-error';

const parameters = z.strictObject({
	bash_id: described(
		z.string().check(z.minLength(1)),
		'The id of the background process to stop, e.g. bash_1.'
	)
});

export const bashKillTool = defineTool({
	name: 'bash_kill',
	description: `Stops a background process started with bash (run_in_background: true), and every process it started (a dev server and its workers). Says what it stopped.`,
	parameters,
	readOnly: false,
	summarize: (args) => args.bash_id,
	async execute(args, ctx) {
		const processes = processTable(ctx.runtime);
		const before = processes.get(args.bash_id);
		if (!before || before.foreground) {
			const ids = processes
				.list()
				.filter((info) => !info.foreground)
				.map((info) => `${info.id} (${describeProcessStatus(info)})`);
			throw new ToolError(
				`There is no background process '${args.bash_id}'. ${ids.length ? `The processes are: ${ids.join(', ')}.` : 'None was started in this runtime.'}`
			);
		}
		if (before.status !== 'running') {
			await processes.kill(args.bash_id, 'agent');
			return {
				ok: true,
				output: `${before.id} (${before.command}) was not running: it ${describeProcessStatus(before)}. Nothing to stop.`,
				metadata: { bashId: before.id }
			};
		}
		const after = (await processes.kill(args.bash_id, 'agent')) ?? before;
		const ran = formatAge((after.endedAt ?? Date.now()) - after.startedAt);
		const ended =
			after.status === 'running'
				? 'It did not end within 10 s of being told to stop; check it again with bash_output.'
				: after.status === 'exited'
					? `It exited by itself with code ${after.exitCode ?? 1} as it was being stopped.`
					: 'It and every process it started are gone.';
		return {
			ok: after.status !== 'running',
			output: `Stopped ${after.id} (${after.command}) after ${ran}${after.url ? `; ${after.url} is closed` : ''}. ${ended}`,
			metadata: { bashId: after.id }
		};
	}
});
