import type * as z from 'zod/mini';
import type { Tool } from './types';

/** Keeps a tool's argument type tied to its schema (the registry then holds them all as Tool). */
export function defineTool<Schema extends z.core.$ZodType>(tool: Tool<Schema>): Tool<Schema> {
	return tool;
}
