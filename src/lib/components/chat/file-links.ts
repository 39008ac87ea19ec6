/**
 * How the chat opens files it mentions: the chat panel provides the project's lookup and the
 * editor's open, and tool cards and replies deep inside the log read them from context.
 */
import { getContext, setContext } from 'svelte';
import type { FileReference } from './file-reference';

export interface FileLinks {
	/** Whether `path` is a file of the project now: only those become links. */
	isFile(path: string): boolean;
	open(reference: FileReference): void;
}

const KEY = Symbol('chat-file-links');

/** A line (and column) to open a file at, 1-based. */
export type FilePlace = { line: number; column?: number };

type ProjectFiles = { exists(path: string): boolean; isDirectory(path: string): boolean };

/** Read on every use, since the panel's props may change: its project's files and open. */
type LinkSource = () => {
	files: ProjectFiles;
	open?: (path: string, at?: FilePlace) => void;
};

export function provideFileLinks(source: LinkSource): void {
	setContext(KEY, {
		isFile: (path) => {
			const { files, open } = source();
			return open !== undefined && files.exists(path) && !files.isDirectory(path);
		},
		open: ({ path, line, column }) => source().open?.(path, line ? { line, column } : undefined)
	} satisfies FileLinks);
}

/** The panel's links, or undefined where the chat is shown without a project (no links then). */
export function fileLinks(): FileLinks | undefined {
	return getContext<FileLinks | undefined>(KEY);
}

/** What a link says to assistive technology and on hover. */
export function openLabel({ path, line }: FileReference): string {
	return line === undefined ? `Open ${path}` : `Open ${path} at line ${line}`;
}
