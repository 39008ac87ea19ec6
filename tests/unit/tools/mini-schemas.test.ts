/**
 * The tools' argument schemas are zod/mini (tools/described.ts): what full zod did for them, the
 * mini way — defaults, trimming, strict objects, integer bounds, descriptions in the JSON Schema.
 */
import { describe, expect, it } from 'vitest';
import { coreTools, toolDefinitions } from '../../../src/lib/tools';
import { parseToolArgs } from '../../../src/lib/tools/validation';

const tool = (name: string) => coreTools().find((candidate) => candidate.name === name)!;
const schemaOf = (name: string): unknown => toolDefinitions([name])[0]!.inputSchema;

describe("the tools' zod/mini schemas", () => {
	it('publish descriptions, defaults and integer bounds in their JSON Schema', () => {
		const task = schemaOf('task') as { properties: Record<string, Record<string, unknown>> };
		expect(task.properties.agent).toMatchObject({
			enum: ['explore', 'general'],
			default: 'explore',
			description: expect.stringContaining('"explore" (default)')
		});
		const bash = schemaOf('bash') as {
			properties: Record<string, Record<string, unknown>>;
			required: string[];
		};
		expect(bash.properties.timeout_ms).toMatchObject({ type: 'integer', minimum: 1000 });
		expect(bash.required).toEqual(['command']);
		expect(bash).toMatchObject({ additionalProperties: false });
	});

	it('trim, fill in defaults, and refuse unknown keys and fractions', () => {
		expect(parseToolArgs(tool('task'), { description: '  Map the code  ', prompt: ' p ' })).toEqual(
			{
				ok: true,
				args: { description: 'Map the code', prompt: 'p', agent: 'explore' }
			}
		);
		const blank = parseToolArgs(tool('task'), { description: '   ', prompt: 'p' });
		expect(blank.ok).toBe(false);
		expect(!blank.ok && blank.error).toMatch(/description: Too small/);
		const extra = parseToolArgs(tool('read'), { path: 'a', colour: 'red' });
		expect(!extra.ok && extra.error).toContain("unknown parameter 'colour'");
		const fraction = parseToolArgs(tool('read'), { path: 'a', offset: 1.5 });
		expect(!fraction.ok && fraction.error).toMatch(/offset: .*int/i);
	});
});
