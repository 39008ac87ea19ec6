/**
 * Imported by gpt-tokenizer's split patterns' module in the page's build (tooling/regexes-ahead.ts
 * adds the import), so that module's body runs only once this one has finished: its patterns are
 * then already parsed (runtime/regexes-ahead.ts). The o200k and cl100k patterns are Unicode
 * classes (`\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}`…); parsing them made evaluating the encoder one task of
 * ~50 ms at 4x CPU, in the person's first send.
 */
import sources from 'virtual:kiln-tokenizer-regexes';
import { parseRegexesAhead } from '../../runtime';

await parseRegexesAhead(sources);
