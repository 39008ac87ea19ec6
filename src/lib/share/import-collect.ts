/**
 * Gathers the entries a source yields (zip, folder, loose files, repository) into the files of a
 * project, applying the name rules and the limits as entries arrive, so a hostile source is
 * stopped at the first entry over a limit rather than after it has filled memory.
 */
import type { FileData } from '../storage';
import { checkImportPath, commonTopFolder } from './import-paths';
import {
	DEFAULT_IMPORT_LIMITS,
	ImportError,
	type ImportedFiles,
	type ImportLimits,
	type RawEntry,
	type SkippedItem
} from './import-types';

export const SESSION_JSON_PATH = '.kiln/session.json';
export const SESSION_MARKDOWN_PATH = '.kiln/session.md';

const MB = 1024 * 1024;

const FOLDER_REASONS: Partial<Record<SkippedItem['reason'], ReadonlySet<string>>> = {
	node_modules: new Set(['node_modules']),
	'.git': new Set(['.git']),
	junk: new Set(['__MACOSX'])
};

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / MB).toFixed(1)} MB`;
}

export class ImportCollector {
	readonly limits: ImportLimits;
	readonly #files = new Map<string, FileData>();
	readonly #dirs = new Set<string>();
	readonly #skipped: SkippedItem[] = [];
	readonly #skippedPaths = new Set<string>();
	#totalBytes = 0;

	constructor(limits: Partial<ImportLimits> = {}) {
		this.limits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
	}

	get totalBytes(): number {
		return this.#totalBytes;
	}

	/** Throws ImportError when `bytes` more would pass the total limit (checked before reading). */
	reserve(bytes: number, what: string): void {
		if (this.#totalBytes + bytes > this.limits.maxTotalBytes) {
			throw new ImportError(
				`Refused: ${what} holds more than ${formatBytes(this.limits.maxTotalBytes)} of files, ` +
					'the most Kiln imports at once. Import a smaller part of it (leave out build output ' +
					'and media), or export it from where it lives in smaller pieces.'
			);
		}
	}

	add(entry: RawEntry, what = 'the import'): void {
		const verdict = checkImportPath(entry.path);
		if (!verdict.ok) {
			this.skip(entry.path, verdict.reason);
			return;
		}
		if (verdict.path === '') return;
		if (entry.kind === 'dir') {
			this.#dirs.add(verdict.path);
			return;
		}
		const size = typeof entry.data === 'string' ? entry.data.length : entry.data.byteLength;
		if (size > this.limits.maxFileBytes) {
			this.#skipped.push({ path: verdict.path, reason: 'too-large' });
			return;
		}
		if (this.#files.size >= this.limits.maxFiles) {
			throw new ImportError(
				`Refused: ${what} has more than ${this.limits.maxFiles} files, the most Kiln imports ` +
					'at once. Leave out generated folders (build output, dependencies) and try again.'
			);
		}
		this.reserve(size, what);
		this.#totalBytes += size;
		this.#files.set(verdict.path, entry.data);
	}

	/** Whether an entry would be left out by its name (so a source need not read it). */
	excludes(path: string): boolean {
		const verdict = checkImportPath(path);
		if (verdict.ok) return false;
		this.skip(path, verdict.reason);
		return true;
	}

	/** Lists a left-out entry; a whole left-out folder (node_modules…) is listed once. */
	skip(path: string, reason: SkippedItem['reason']): void {
		const parts = path.replaceAll('\\', '/').split('/');
		const folder = FOLDER_REASONS[reason];
		const at = folder ? parts.findIndex((part) => folder.has(part)) : -1;
		const shown = at >= 0 ? `${parts.slice(0, at + 1).join('/')}/` : path;
		if (this.#skippedPaths.has(shown)) return;
		this.#skippedPaths.add(shown);
		this.#skipped.push({ path: shown, reason });
	}

	/**
	 * `stripTop`: a single folder holding everything is dropped (zips and picked folders);
	 * `session`: a Kiln export's .kiln/session.json is taken as the conversation.
	 */
	finish(name: string, { stripTop = true, session = true } = {}): ImportedFiles {
		const paths = [...this.#files.keys(), ...this.#dirs];
		const top =
			stripTop && this.#files.size > 0 ? commonTopFolder([...this.#files.keys()]) : undefined;
		const strip =
			top !== undefined && paths.every((path) => path === top || path.startsWith(`${top}/`));
		const cut = (path: string) =>
			strip && path.startsWith(`${top}/`) ? path.slice(top!.length + 1) : path;
		const files: Record<string, FileData> = {};
		for (const [path, data] of this.#files) files[cut(path)] = asText(data);
		let sessionJson: string | undefined;
		const skipped = this.#skipped.map((item) => ({ ...item, path: cut(item.path) }));
		const sessionFile = session ? files[SESSION_JSON_PATH] : undefined;
		if (sessionFile !== undefined) {
			sessionJson =
				typeof sessionFile === 'string' ? sessionFile : new TextDecoder().decode(sessionFile);
			for (const path of [SESSION_JSON_PATH, SESSION_MARKDOWN_PATH]) {
				if (files[path] === undefined) continue;
				delete files[path];
				skipped.push({ path, reason: 'conversation' });
			}
		}
		const dirs = [...this.#dirs]
			.filter((dir) => !(strip && dir === top))
			.map(cut)
			.filter((dir) => dir !== '' && !hasChild(dir, Object.keys(files)));
		return {
			name: strip ? top! : name,
			files,
			dirs: dirs.filter((dir) => dir !== '.kiln' || sessionJson === undefined),
			skipped,
			totalBytes: this.#totalBytes,
			...(sessionJson === undefined ? {} : { sessionJson })
		};
	}
}

function hasChild(dir: string, files: readonly string[]): boolean {
	return files.some((file) => file.startsWith(`${dir}/`));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Text as a string, like files created in Kiln; anything that is not exact UTF-8 (or holds NUL)
 * stays bytes. ignoreBOM keeps a byte-order mark in the text, so the bytes round-trip exactly.
 */
function asText(data: FileData): FileData {
	if (typeof data === 'string' || data.includes(0)) return data;
	try {
		return utf8.decode(data);
	} catch {
		return data;
	}
}
