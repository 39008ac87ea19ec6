import { ToolError } from './tool-error';
import { messageOf } from '../errors';

/**
 * A search pattern as a JavaScript RegExp. Unicode mode first (`.` and classes then see whole
 * characters, as ripgrep does); patterns that are only valid without it (`\-`, a lone `{`) are
 * compiled without. A leading `(?i)`, common in ripgrep patterns, turns on ignore-case.
 */
export function compileSearchPattern(pattern: string, ignoreCase: boolean): RegExp {
	let source = pattern;
	let flags = ignoreCase ? 'i' : '';
	if (source.startsWith('(?i)')) {
		source = source.slice(4);
		flags = 'i';
	}
	try {
		return new RegExp(source, flags + 'u');
	} catch {
		try {
			return new RegExp(source, flags);
		} catch (error) {
			const reason = messageOf(error);
			throw new ToolError(
				`Invalid regular expression '${pattern}': ${reason}. Patterns are JavaScript regular ` +
					'expressions: escape ( ) [ ] { } . * + ? | \\ ^ $ with a backslash to match them literally.'
			);
		}
	}
}
