import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { asToolError, formatProcessReport, processTable } from './process-report';

const parameters = z.strictObject({
	bash_id: described(
		z.string().check(z.minLength(1)),
		'The id bash returned when it started the process in the background, e.g. bash_1.'
	)
});

export const bashOutputTool = defineTool({
	name: 'bash_output',
	description: `Reads a background process started with bash (run_in_background: true): its output since your previous read, its status (running, exited with its code, or stopped) and the URL it announced, if any.

- Use it to check that a dev server came up (its "listening"/"ready" line and URL) and to see errors it printed after a change.
- Output over 30000 characters keeps its beginning and end.`,
	parameters,
	readOnly: true,
	summarize: (args) => args.bash_id,
	async execute(args, ctx) {
		const processes = processTable(ctx.runtime);
		const read = await asToolError(() => processes.readNew(args.bash_id));
		const info = processes.get(args.bash_id)!;
		return {
			ok: true,
			output: formatProcessReport(
				info,
				read,
				read.latest ? 'Latest output' : 'New output since the previous read'
			),
			metadata: { bashId: info.id, ...(info.url ? { url: info.url } : {}) }
		};
	}
});
