import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { ToolError } from './tool-error';
import { truncateMiddle } from './truncate';

/** About 2,000 tokens at roughly four characters a token. */
export const TASK_MAX_REPORT_CHARS = 8_000;

const parameters = z.strictObject({
	description: described(
		z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
		'Three to five words saying what the subagent does, shown to the person.'
	),
	prompt: described(
		z.string().check(z.trim(), z.minLength(1)),
		'The complete brief: the goal, what you already know, where to look, and what the report must contain.'
	),
	agent: described(
		z._default(z.enum(['explore', 'general']), 'explore'),
		'"explore" (default): may only read, search and run read-only commands. "general": may also edit files and run any command.'
	)
});

export const taskTool = defineTool({
	name: 'task',
	description: `Starts a subagent: another agent that works on one task by itself and answers with one short report.

- Use it for work that would otherwise fill your context with reading: surveying an unfamiliar area, searching for every use of something, investigating a question across many files. Also for independent changes in separate parts of the project ("general").
- Do not use it for a single read, grep or edit you can do directly: that is faster and cheaper.
- Each subagent starts with a fresh context: it sees only your prompt, not this conversation. Write a complete brief and say what its report must contain (file paths, line numbers, conclusions).
- Call several task tools in one step to run them in parallel (up to 4 at a time); give them parts that do not overlap.
- The report comes back as the tool result (at most about 2,000 tokens). The person does not see it: tell them what matters.
- Subagents cannot start subagents.`,
	parameters,
	readOnly: false,
	parallel: true,
	summarize: (args) => `${args.agent}: ${args.description}`,
	async execute(args, ctx) {
		if (!ctx.runSubagent) {
			throw new ToolError(
				'No subagent can be started here: subagents cannot start subagents. Do the work yourself with your other tools.'
			);
		}
		const result = await ctx.runSubagent({
			description: args.description,
			prompt: args.prompt,
			agent: args.agent,
			signal: ctx.signal
		});
		const metadata = {
			subagent: {
				id: result.subagentId,
				agent: result.agent,
				description: args.description,
				reason: result.reason,
				steps: result.steps,
				model: result.model,
				usage: result.usage
			}
		};
		const body =
			result.report.trim() === '' ? '(The subagent wrote no report.)' : result.report.trim();
		const { text, truncated } = truncateMiddle(body, TASK_MAX_REPORT_CHARS);
		const parts = [text];
		if (truncated) {
			parts.push(
				'(The report was longer than about 2,000 tokens, so its middle was cut. Ask narrower questions to get the details.)'
			);
		}
		if (result.reason !== 'completed') {
			parts.push(
				`The subagent did not finish (${result.reason}${result.error ? `: ${result.error}` : ''}). Its report may be incomplete.`
			);
		}
		return {
			ok: result.reason === 'completed',
			output: parts.join('\n\n'),
			metadata: truncated ? { ...metadata, truncated: true } : metadata
		};
	}
});
