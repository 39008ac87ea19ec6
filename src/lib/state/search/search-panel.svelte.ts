import { SvelteSet } from 'svelte/reactivity';
import { HUGE_FILE_BYTES } from '../../editor';
import { messageOf } from '../../errors';
import {
	gatherSearchTexts,
	searchableFiles,
	searchTexts,
	ToolAbortedError,
	type GrepWorkerFactory
} from '../../tools';
import type { Workspace, WorkspaceApi } from '../../workspace';
import { applyReplace, type ReplaceOutcome } from './apply-replace';
import { isTicked, matchKey, type ReplaceChoices } from './replace-plan';
import { enginePattern, pathFilter, queryRegex, type SearchQuery } from './search-query';
import { groupResults, type LineResult, type SearchResult } from './search-results';
import { replacementsInLine } from './line-matches';

/** What the panel reads the project through. */
export type SearchWorkspace = Pick<Workspace, 'allFiles' | 'peekText' | 'getFile' | 'subscribe'>;

export interface SearchPanelOptions {
	/** The project's files; null while they load. */
	workspace: () => SearchWorkspace | null;
	/** What replacements are written through (refuses while another tab owns the project). */
	writable: () => Pick<WorkspaceApi, 'writeFile'> | null;
	readOnly: () => boolean;
	/** The editor holds unsaved text for this file: a replace would fight with it. */
	hasUnsavedText: (path: string) => boolean;
	/** The worker a big project's search runs in (tests pass a double); the platform's by default. */
	worker?: GrepWorkerFactory;
}

/** Typing pauses this long before a search starts, so each keystroke does not search. */
const SEARCH_DELAY_MS = 200;

/**
 * The Search panel's state: the query, the results grouped by file, which matches a replace
 * takes, and the replace itself (written through the workspace, as a save from the editor is,
 * so undo history, the changes review and the agent's "person edited" reminders see it alike).
 */
export class SearchPanelState {
	text = $state('');
	replacement = $state('');
	/** The replace field is shown: results then preview each change. */
	replacing = $state(false);
	matchCase = $state(false);
	wholeWord = $state(false);
	regex = $state(false);
	include = $state('');
	exclude = $state('');

	result = $state.raw<SearchResult | null>(null);
	/** Why the last search could not run (a bad pattern or glob), and what to do. */
	error = $state<string | null>(null);
	searching = $state(false);
	/** What the last replace did, or why it could not. */
	notice = $state<{ tone: 'info' | 'error'; message: string } | null>(null);
	applying = $state(false);
	readonly offFiles = new SvelteSet<string>();
	readonly offMatches = new SvelteSet<string>();

	#options: SearchPanelOptions;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: AbortController | undefined;
	/** The query the results are for (a replace needs its regex). */
	#searched: SearchQuery | null = null;
	#regex: RegExp | null = null;

	constructor(options: SearchPanelOptions) {
		this.#options = options;
	}

	get query(): SearchQuery {
		const { text, matchCase, wholeWord, regex, include, exclude } = this;
		return { text, matchCase, wholeWord, regex, include, exclude };
	}

	get choices(): ReplaceChoices {
		return { offFiles: this.offFiles, offMatches: this.offMatches };
	}

	/** The query changed: search again after a short pause, with every match ticked again. */
	changed(): void {
		this.offFiles.clear();
		this.offMatches.clear();
		this.notice = null;
		this.schedule();
	}

	schedule(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
	}

	/** Searches now; a search still running is abandoned for this one. */
	async search(): Promise<void> {
		clearTimeout(this.#timer);
		this.#running?.abort();
		const workspace = this.#options.workspace();
		const query = this.query;
		if (!workspace || query.text === '') {
			this.result = null;
			this.error = null;
			this.searching = false;
			return;
		}
		const running = new AbortController();
		this.#running = running;
		this.searching = true;
		try {
			const regex = queryRegex(query);
			const keep = pathFilter(query);
			const gathered = gatherSearchTexts(workspace, searchableFiles(workspace), (file) =>
				keep(file.path)
			);
			const found = await searchTexts(gathered, {
				...enginePattern(query),
				signal: running.signal,
				worker: this.#options.worker
			});
			if (running.signal.aborted) return;
			this.result = groupResults(found, regex);
			this.#searched = query;
			this.#regex = regex;
			this.error = null;
		} catch (error) {
			if (error instanceof ToolAbortedError || running.signal.aborted) return;
			this.result = null;
			this.error = messageOf(error);
		} finally {
			if (this.#running === running) this.searching = false;
		}
	}

	/** Searches again whenever files change, so the list (and a replace) follow what is there. */
	follow(): () => void {
		const workspace = this.#options.workspace();
		const stop = workspace?.subscribe(() => {
			if (this.text !== '') this.schedule();
		});
		return () => {
			stop?.();
			clearTimeout(this.#timer);
			this.#running?.abort();
		};
	}

	ticked(path: string, line: number, index: number): boolean {
		return isTicked(this.choices, path, line, index);
	}

	toggleFile(path: string): void {
		if (this.offFiles.has(path)) this.offFiles.delete(path);
		else this.offFiles.add(path);
	}

	toggleMatch(path: string, line: number, index: number): void {
		const key = matchKey(path, line, index);
		if (this.offMatches.has(key)) this.offMatches.delete(key);
		else this.offMatches.add(key);
	}

	/** What each of a listed line's matches becomes with the replace field's text. */
	replacements(line: LineResult): string[] {
		return this.#regex ? replacementsInLine(line.text, this.#regex, this.replacement) : [];
	}

	/** Why a file cannot take a replace here, or null when it can. */
	blocked(path: string): string | null {
		const file = this.#options.workspace()?.getFile(path);
		if (!file) return 'It was deleted.';
		if (this.#options.hasUnsavedText(path))
			return 'It has unsaved changes in the editor: save or discard them first.';
		if (file.size > HUGE_FILE_BYTES) return 'It is too large to edit here.';
		if (file.textIsExact === false)
			return 'It holds bytes that are not UTF-8, which a replace would damage.';
		return null;
	}

	/** Replaces the ticked matches of the listed files, each file written once. */
	async replaceAll(): Promise<ReplaceOutcome | undefined> {
		const workspace = this.#options.workspace();
		const writable = this.#options.writable();
		const result = this.result;
		const searched = this.#searched;
		if (!workspace || !writable || !result || !searched || this.applying) return undefined;
		if (this.#options.readOnly()) {
			this.notice = {
				tone: 'error',
				message:
					'This project is open in another tab, so this tab cannot change files. Press "Take over" to replace here.'
			};
			return undefined;
		}
		this.applying = true;
		try {
			const outcome = await applyReplace({
				files: result.files.filter((file) => this.blocked(file.path) === null),
				regex: queryRegex(searched),
				template: this.replacement,
				choices: this.choices,
				read: (path) => workspace.peekText(path),
				write: (path, text) => writable.writeFile(path, text)
			});
			this.notice = outcome.notice;
			this.offFiles.clear();
			this.offMatches.clear();
			await this.search();
			return outcome;
		} catch (error) {
			this.notice = { tone: 'error', message: messageOf(error) };
			return undefined;
		} finally {
			this.applying = false;
		}
	}
}
