import { messageOf } from '../../errors';
import { replaceInFile, type ReplaceChoices } from './replace-plan';
import type { FileResult } from './search-results';

export interface ApplyReplaceOptions {
	readonly files: readonly FileResult[];
	readonly regex: RegExp;
	readonly template: string;
	readonly choices: ReplaceChoices;
	/** The file's text now (undefined: gone or not text). */
	read(path: string): string | undefined;
	write(path: string, text: string): Promise<void>;
}

export interface ReplaceOutcome {
	readonly replaced: number;
	readonly files: number;
	readonly notice: { tone: 'info' | 'error'; message: string };
}

const plural = (count: number, one: string, many = `${one}s`) =>
	`${count} ${count === 1 ? one : many}`;

/**
 * Writes each listed file once with its ticked matches replaced. A file that changed since the
 * search keeps its changed lines as they are; a write that fails is reported and the rest go on.
 */
export async function applyReplace(options: ApplyReplaceOptions): Promise<ReplaceOutcome> {
	let replaced = 0;
	let files = 0;
	let stale = 0;
	const failed: string[] = [];
	for (const file of options.files) {
		if (options.choices.offFiles.has(file.path)) continue;
		const text = options.read(file.path);
		if (text === undefined) {
			stale++;
			continue;
		}
		const next = replaceInFile(text, file, options.regex, options.template, options.choices);
		if (next.staleLines > 0) stale++;
		if (next.replaced === 0 || next.text === text) continue;
		try {
			await options.write(file.path, next.text);
			replaced += next.replaced;
			files++;
		} catch (error) {
			failed.push(`${file.path} (${messageOf(error)})`);
		}
	}
	const parts = [`Replaced ${plural(replaced, 'match', 'matches')} in ${plural(files, 'file')}.`];
	if (stale > 0) {
		parts.push(
			`${plural(stale, 'file')} changed since the search: lines that changed were left alone; check the new results.`
		);
	}
	if (failed.length > 0) {
		parts.push(`Could not write ${failed.join(', ')}: try again.`);
	}
	return {
		replaced,
		files,
		notice: { tone: failed.length > 0 ? 'error' : 'info', message: parts.join(' ') }
	};
}
