import type { WorkspaceFile } from '../workspace';
import { extraIgnores } from './extra-ignores';
import { fromPortable, isHidden, searchText, type FileMatches, type GrepJob } from './grep-engine';
import { searchInWorker, wantsWorker, type GrepWorkerFactory } from './grep-worker-client';
import { compileSearchPattern } from './regex';
import { throwIfAborted } from './tool-error';
import type { ToolWorkspace } from './types';

/**
 * The grep engine's two steps as a public API, shared by the grep tool and the IDE's Search
 * panel so both find the same lines: gather the texts worth searching, then search them in-thread
 * or, for a big project, in a worker (so the page does not freeze).
 */

/**
 * The files a whole-project grep looks at: not ignored (.gitignore, node_modules, .git, .ignore,
 * .rgignore) and not hidden (a name starting with '.'), in the index's order.
 */
export function searchableFiles(
	workspace: Pick<ToolWorkspace, 'allFiles' | 'peekText'>
): WorkspaceFile[] {
	const isExtraIgnored = extraIgnores(workspace);
	return workspace
		.allFiles()
		.filter((file) => !file.ignored && !isHidden(file.path) && !isExtraIgnored(file.path));
}

export interface SearchTexts {
	readonly paths: string[];
	readonly texts: string[];
	/** Characters gathered, which decides whether a worker searches them. */
	readonly chars: number;
}

/**
 * The texts of `files` that `keep` accepts, as grep reads them: binary files are skipped, and so
 * is text with a NUL anywhere (ripgrep's rule; the index only sniffs the first 8 KB).
 */
export function gatherSearchTexts(
	workspace: Pick<ToolWorkspace, 'peekText'>,
	files: readonly WorkspaceFile[],
	keep: (file: WorkspaceFile) => boolean
): SearchTexts {
	const paths: string[] = [];
	const texts: string[] = [];
	let chars = 0;
	for (const file of files) {
		if (file.binary || !keep(file)) continue;
		const text = workspace.peekText(file.path);
		if (text === undefined || text.includes('\0')) continue;
		paths.push(file.path);
		texts.push(text);
		chars += text.length;
	}
	return { paths, texts, chars };
}

export interface SearchTextsOptions {
	readonly pattern: string;
	readonly ignoreCase: boolean;
	/** Only each file's first matching line (grep's "files" mode). */
	readonly firstOnly?: boolean;
	/** Context lines kept around each match. */
	readonly context?: number;
	readonly signal: AbortSignal;
	/** The worker big searches use (tests pass a double); the platform's by default. */
	readonly worker?: GrepWorkerFactory;
}

/** The matching lines of gathered texts, file by file in the order gathered. */
export async function searchTexts(
	gathered: SearchTexts,
	options: SearchTextsOptions
): Promise<FileMatches[]> {
	const { paths, texts } = gathered;
	const regex = compileSearchPattern(options.pattern, options.ignoreCase);
	const firstOnly = options.firstOnly ?? false;
	if (wantsWorker(paths.length, gathered.chars)) {
		const job: GrepJob = {
			paths,
			texts,
			pattern: options.pattern,
			ignoreCase: options.ignoreCase,
			firstOnly,
			context: options.context ?? 0
		};
		const found = await searchInWorker(job, options.signal, options.worker);
		throwIfAborted(options.signal);
		if (found) return found.map(fromPortable);
	}
	const results: FileMatches[] = [];
	for (let i = 0; i < paths.length; i++) {
		if (i % 200 === 199) throwIfAborted(options.signal);
		const found = searchText(paths[i]!, texts[i]!, regex, firstOnly);
		if (found) results.push(found);
	}
	throwIfAborted(options.signal);
	return results;
}
