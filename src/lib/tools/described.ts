import * as z from 'zod/mini';
import './zod-messages';

/**
 * A parameter's schema with the description the model reads (in its JSON Schema). The tools use
 * zod/mini: full zod, loaded on the first send for them alone, was that send's longest script to
 * run (~100 ms at 4× CPU slowdown) and ~12 KB gzip more to download. The JSON Schemas and the
 * messages for bad arguments are the same as full zod gave.
 */
export function described<Schema extends z.ZodMiniType>(
	schema: Schema,
	description: string
): Schema {
	z.globalRegistry.add(schema as z.core.$ZodType, { description });
	return schema;
}
