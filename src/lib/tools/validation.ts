import * as z from 'zod';
import type { Tool } from './types';

export type ParsedArgs = { ok: true; args: unknown } | { ok: false; error: string };

/**
 * Arguments as a provider delivers them (a JSON string or an object) → the tool's typed
 * arguments, or a message the model can act on: what is wrong with which parameter, and what
 * the tool takes.
 */
export function parseToolArgs(tool: Tool, raw: unknown): ParsedArgs {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') value = {};
		else {
			try {
				value = JSON.parse(raw);
			} catch (error) {
				return {
					ok: false,
					error:
						`The arguments for ${tool.name} are not valid JSON (${error instanceof Error ? error.message : String(error)}). ` +
						`Send one JSON object. ${describeParameters(tool)}`
				};
			}
		}
	}
	if (value === undefined || value === null) value = {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		return {
			ok: false,
			error: `The arguments for ${tool.name} must be a JSON object. ${describeParameters(tool)}`
		};
	}
	// Some models send null for an optional parameter they mean to leave out.
	const cleaned = Object.fromEntries(
		Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null)
	);
	const result = tool.parameters.safeParse(cleaned);
	if (result.success) return { ok: true, args: result.data };
	const problems = result.error.issues.map((issue) => `- ${describeIssue(issue)}`);
	return {
		ok: false,
		error: `Invalid arguments for ${tool.name}:\n${problems.join('\n')}\n${describeParameters(tool)}`
	};
}

function describeIssue(issue: z.core.$ZodIssue): string {
	const where = issue.path.length
		? issue.path
				.map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
				.join('.')
				.replace(/\.\[/g, '[')
		: 'arguments';
	if (issue.code === 'unrecognized_keys') {
		return `unknown ${issue.keys.length === 1 ? 'parameter' : 'parameters'} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
	}
	if (issue.code === 'invalid_type' && issue.input === undefined) {
		return `${where}: missing (required, ${issue.expected})`;
	}
	return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** `Parameters: path (string, required), offset (integer), …` from the tool's schema. */
function describeParameters(tool: Tool): string {
	if (!(tool.parameters instanceof z.ZodObject)) return '';
	const schema = z.toJSONSchema(tool.parameters) as {
		properties?: Record<string, { type?: string }>;
		required?: string[];
	};
	const required = new Set(schema.required ?? []);
	const parts = Object.entries(schema.properties ?? {}).map(
		([name, property]) =>
			`${name} (${property.type ?? 'value'}${required.has(name) ? ', required' : ''})`
	);
	return `Parameters: ${parts.join(', ')}.`;
}
