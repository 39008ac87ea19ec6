import * as z from 'zod/mini';
import type { Tool } from './types';
import { messageOf } from '../errors';

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
						`The arguments for ${tool.name} are not valid JSON (${messageOf(error)}). ` +
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
	const result = z.safeParse(tool.parameters, cleaned);
	if (result.success) return { ok: true, args: result.data };
	const problems = result.error.issues.map((issue) => `- ${describeIssue(issue, cleaned)}`);
	return {
		ok: false,
		error: `Invalid arguments for ${tool.name}:\n${problems.join('\n')}\n${describeParameters(tool)}`
	};
}

function describeIssue(issue: z.core.$ZodIssue, args: Record<string, unknown>): string {
	const where = issue.path.length
		? issue.path
				.map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
				.join('.')
				.replace(/\.\[/g, '[')
		: 'arguments';
	if (issue.code === 'unrecognized_keys') {
		return `unknown ${issue.keys.length === 1 ? 'parameter' : 'parameters'} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
	}
	// Zod leaves the input out of its issues, so whether the value is absent is looked up here:
	// a wrong-typed value must not be reported as missing.
	if (issue.code === 'invalid_type' && valueAt(args, issue.path) === undefined) {
		return `${where}: missing (required, ${issue.expected})`;
	}
	if (issue.code === 'invalid_type') {
		const value = valueAt(args, issue.path);
		return `${where}: expected ${issue.expected}, got ${typeName(value)} ${preview(value)}`;
	}
	return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<PropertyKey, unknown>)[key];
	}
	return current;
}

function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return `a ${typeof value}`;
}

/** A short look at the wrong value, so the model sees what it sent. */
function preview(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return `(${text.length > 60 ? `${text.slice(0, 59)}…` : text})`;
}

/** `Parameters: path (string, required), offset (integer), …` from the tool's schema. */
function describeParameters(tool: Tool): string {
	if (!(tool.parameters instanceof z.core.$ZodObject)) return '';
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
