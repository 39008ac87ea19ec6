/**
 * Storage's schemas are built the first time they check a value, not when their module loads.
 * These modules are among the page's first scripts (the early reads, see state/early-open.ts),
 * and zod builds a schema in many small steps: building them all at load was most of a task of
 * 50–80 ms on this machine. Each is now built in the task that first reads such a record.
 */
import * as z from 'zod/mini';

/** A schema that builds itself (once) on its first check; typed as what `build` returns. */
export function lazySchema<T extends z.core.SomeType>(build: () => T): z.ZodMiniLazy<T> {
	return z.lazy(build);
}

/** A part shared by several lazy schemas: built on first call, the same object afterwards. */
export function builtOnce<T>(build: () => T): () => T {
	let built: T | undefined;
	return () => (built ??= build());
}
