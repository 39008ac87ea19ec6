import * as z from 'zod/mini';
import { isFsError } from '../runtime';
import { bashTool } from './bash';
import { bashKillTool } from './bash-kill';
import { bashOutputTool } from './bash-output';
import { editTool } from './edit';
import { globTool } from './glob';
import { grepTool } from './grep';
import { listTool } from './list';
import { readTool } from './read';
import { previewTool } from './preview';
import { taskTool } from './task';
import { todoWriteTool } from './todo-write';
import { ToolAbortedError, ToolError } from './tool-error';
import { truncateMiddle } from './truncate';
import type { Tool, ToolContext, ToolDefinition, ToolResult } from './types';
import { parseToolArgs } from './validation';
import { writeTool } from './write';
import { TOOL_NAMES, type ToolName } from './tool-names';

export { TOOL_NAMES, type ToolName };
import { messageOf } from '../errors';

/** A last guard on what reaches the model; tools keep their own, smaller limits. */
export const MAX_TOOL_OUTPUT_CHARS = 50_000;

const CORE_TOOLS: readonly Tool[] = [
	readTool,
	writeTool,
	editTool,
	globTool,
	grepTool,
	listTool,
	bashTool,
	bashOutputTool,
	bashKillTool,
	todoWriteTool,
	taskTool,
	previewTool
] as Tool[];

export function coreTools(): readonly Tool[] {
	return CORE_TOOLS;
}

export function getTool(name: string, tools: readonly Tool[] = CORE_TOOLS): Tool | undefined {
	return tools.find((tool) => tool.name === name);
}

const definitionCache = new WeakMap<Tool, ToolDefinition>();

/**
 * One tool as providers see it: name, description and the JSON Schema of its arguments. Each
 * call returns a fresh copy, so a caller that marks the last tool for caching changes only its own.
 */
export function toolDefinition(tool: Tool): ToolDefinition {
	let definition = definitionCache.get(tool);
	if (!definition) {
		const schema = cleanSchema(z.toJSONSchema(tool.parameters)) as ToolDefinition['inputSchema'];
		if (schema.type !== 'object') {
			throw new Error(`Tool ${tool.name}: its parameters must be an object schema.`);
		}
		definition = { name: tool.name, description: tool.description, inputSchema: schema };
		definitionCache.set(tool, definition);
	}
	return structuredClone(definition);
}

/**
 * The core tools' definitions, always in TOOL_NAMES order whatever order `names` has, and with
 * the same text every time: byte-identical requests keep the prompt cache warm.
 */
export function toolDefinitions(names?: readonly string[]): ToolDefinition[] {
	if (names) {
		const unknown = names.filter((name) => !getTool(name));
		if (unknown.length) {
			throw new Error(
				`Unknown tool ${unknown.join(', ')}; the tools are: ${TOOL_NAMES.join(', ')}.`
			);
		}
	}
	const wanted = names ? new Set(names) : undefined;
	return CORE_TOOLS.filter((tool) => !wanted || wanted.has(tool.name)).map(toolDefinition);
}

/** The one-line summary of a call for a chat card ('' when the arguments do not parse). */
export function summarizeToolCall(
	name: string,
	rawArgs: unknown,
	tools: readonly Tool[] = CORE_TOOLS
): string {
	const tool = getTool(name, tools);
	if (!tool) return '';
	const parsed = parseToolArgs(tool, rawArgs);
	return parsed.ok ? tool.summarize(parsed.args) : '';
}

export interface RunToolOptions {
	/** The tools this caller may use (a subagent's restricted set, or core tools plus task). */
	tools?: readonly Tool[];
}

/**
 * Runs one tool call and never throws: an unknown tool, bad arguments, a failure inside the
 * tool or a stop all come back as `{ ok: false, output }` for the model. Permissions are not
 * its business: the agent's permission layer decides before a call gets here.
 */
export async function runTool(
	name: string,
	rawArgs: unknown,
	ctx: ToolContext,
	options: RunToolOptions = {}
): Promise<ToolResult> {
	const tools = options.tools ?? CORE_TOOLS;
	const tool = getTool(name, tools);
	if (!tool) {
		return failure(
			`There is no tool named '${name}'. Available tools: ${tools.map((t) => t.name).join(', ')}.`
		);
	}
	const parsed = parseToolArgs(tool, rawArgs);
	if (!parsed.ok) return failure(parsed.error);
	if (ctx.signal.aborted) return failure('Not run: the turn was stopped before this call started.');

	try {
		const result = await tool.execute(parsed.args, ctx);
		const { text, truncated } = truncateMiddle(result.output, MAX_TOOL_OUTPUT_CHARS);
		if (!truncated) return result;
		return { ...result, output: text, metadata: { ...result.metadata, truncated: true } };
	} catch (error) {
		return shapeError(tool.name, error, ctx.signal);
	}
}

function shapeError(name: string, error: unknown, signal: AbortSignal): ToolResult {
	if (error instanceof ToolError) return failure(error.message, error.metadata);
	if (error instanceof ToolAbortedError || signal.aborted) {
		return failure('Stopped by the user before the tool finished.', { aborted: true });
	}
	if (isFsError(error)) return failure(`${name} failed: ${error.message}`);
	const message = messageOf(error);
	return failure(
		`${name} failed unexpectedly: ${message}. Check the arguments and try again, or use another tool.`
	);
}

function failure(output: string, metadata?: ToolResult['metadata']): ToolResult {
	return metadata ? { ok: false, output, metadata } : { ok: false, output };
}

/** Drops what providers do not need from zod's JSON Schema: the $schema URL and safe-integer bounds. */
function cleanSchema(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(cleanSchema);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		if (key === '$schema') continue;
		if (
			(key === 'maximum' || key === 'minimum') &&
			Math.abs(item as number) === Number.MAX_SAFE_INTEGER
		) {
			continue;
		}
		out[key] = cleanSchema(item);
	}
	return out;
}
