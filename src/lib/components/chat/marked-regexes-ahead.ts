/**
 * Imported by marked itself in the page's build (tooling/regexes-ahead.ts adds the import), so
 * marked's module body runs only once this module has finished: its regexes are then already
 * parsed (runtime/regexes-ahead.ts). Evaluating marked was one task of ~100 ms at 4x CPU, 62 of it
 * parsing its GFM emphasis rules; this spreads that parse over tasks of a few ms.
 */
import sources from 'virtual:kiln-marked-regexes';
import { parseRegexesAhead } from '$lib/runtime';

await parseRegexesAhead(sources);
