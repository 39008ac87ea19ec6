/**
 * A public GitHub repository, fetched in the browser. GitHub's archive downloads (tarball,
 * zipball) redirect to codeload.github.com, which does not send CORS headers a page can use, so
 * the files come through the REST API's repository and tree answers and then raw blobs
 * (raw.githubusercontent.com answers any origin and is not counted against the API's
 * 60-an-hour limit). The API base is configurable for GitHub Enterprise (`https://host/api/v3`,
 * whose raw files are under `https://host/raw`).
 */
import * as z from 'zod/mini';
import './zod-messages';
import { formatBytes, ImportCollector } from './import-collect';
import {
	isRateLimited,
	networkError,
	notFoundError,
	rateLimitError,
	statusError
} from './github-errors';
import type { RepoReference } from './github-source';
import type { ImportLimits, ImportedFiles, ProgressListener } from './import-types';
import { ImportError } from './import-types';

export const GITHUB_API = 'https://api.github.com';
const GITHUB_RAW = 'https://raw.githubusercontent.com';
const CONCURRENCY = 6;

export interface GitHubImportOptions {
	/** `https://api.github.com` (the default) or an Enterprise `https://host/api/v3`. */
	apiBase?: string;
	limits?: Partial<ImportLimits>;
	onProgress?: ProgressListener;
	signal?: AbortSignal;
	fetch?: typeof fetch;
}

const repoSchema = z.looseObject({
	full_name: z.string(),
	name: z.string(),
	private: z.boolean(),
	default_branch: z.string(),
	/** Kilobytes (of the git repository, history included: an upper bound for the files). */
	size: z.number()
});

const treeSchema = z.looseObject({
	truncated: z.optional(z.boolean()),
	tree: z.array(
		z.looseObject({
			path: z.string(),
			type: z.string(),
			mode: z.optional(z.string()),
			size: z.optional(z.number())
		})
	)
});

/** Where raw files of the API's host are served. */
export function rawBaseFor(apiBase: string): string {
	const base = apiBase.replace(/\/+$/, '');
	if (base === GITHUB_API) return GITHUB_RAW;
	return base.replace(/\/api\/v3$/, '') + '/raw';
}

export function normaliseApiBase(apiBase: string | undefined): string {
	const base = (apiBase?.trim() || GITHUB_API).replace(/\/+$/, '');
	try {
		const url = new URL(base);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
	} catch {
		throw new ImportError(
			`“${apiBase}” is not a GitHub API address. Use https://api.github.com, or ` +
				'https://your-host/api/v3 for GitHub Enterprise.'
		);
	}
	return base;
}

const segments = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export async function fetchRepository(
	repo: RepoReference,
	options: GitHubImportOptions = {}
): Promise<ImportedFiles> {
	const api = normaliseApiBase(options.apiBase);
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const host = new URL(api).host;
	const label = `${repo.owner}/${repo.name}`;
	const collector = new ImportCollector(options.limits);
	const { maxTotalBytes, maxFiles } = collector.limits;

	const get = async (url: string, what: string, accept = 'application/vnd.github+json') => {
		let response: Response;
		try {
			response = await doFetch(url, { headers: { accept }, signal: options.signal });
		} catch (error) {
			options.signal?.throwIfAborted();
			throw networkError(host, error);
		}
		if (isRateLimited(response)) throw rateLimitError(response);
		if (response.status === 404) return undefined;
		if (!response.ok) throw statusError(what, response);
		return response;
	};

	options.onProgress?.({ phase: `Looking up ${label}`, done: 0 });
	const repoBase = `${api}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
	const about = await get(repoBase, label);
	if (!about) throw notFoundError(label);
	const info = repoSchema.safeParse(await about.json().catch(() => undefined));
	if (!info.success) throw statusError(label, about);
	if (info.data.private) throw notFoundError(label);
	if (info.data.size * 1024 > maxTotalBytes) {
		throw new ImportError(
			`${label} is too large to import: GitHub reports ${formatBytes(info.data.size * 1024)}, ` +
				`and Kiln imports at most ${formatBytes(maxTotalBytes)}. Download the part you need ` +
				'as a zip and import that.'
		);
	}
	const ref = repo.ref ?? info.data.default_branch;

	options.onProgress?.({ phase: `Listing files of ${label}@${ref}`, done: 0 });
	const treeAnswer = await get(`${repoBase}/git/trees/${segments(ref)}?recursive=1`, label);
	if (!treeAnswer) {
		throw new ImportError(
			`${label} has no branch, tag or commit “${ref}”. Check the name after @ (or /tree/), ` +
				'or leave it out to import the default branch.'
		);
	}
	const tree = treeSchema.safeParse(await treeAnswer.json().catch(() => undefined));
	if (!tree.success) throw statusError(`the file list of ${label}`, treeAnswer);
	if (tree.data.truncated) {
		throw new ImportError(
			`${label} has too many files for GitHub to list at once (more than Kiln imports, ` +
				`${maxFiles}). Download the part you need as a zip and import that.`
		);
	}

	const blobs: { path: string; size: number }[] = [];
	for (const item of tree.data.tree) {
		if (item.type === 'tree') {
			collector.add({ kind: 'dir', path: item.path }, label);
		} else if (item.type !== 'blob' || item.mode === '120000') {
			// Submodules (type commit) and symbolic links have no content of their own here.
			collector.skip(item.path, 'link');
		} else if (!collector.excludes(item.path)) {
			blobs.push({ path: item.path, size: item.size ?? 0 });
		}
	}
	if (blobs.length > maxFiles) {
		throw new ImportError(
			`${label} has ${blobs.length} files; Kiln imports at most ${maxFiles}. ` +
				'Download the part you need as a zip and import that.'
		);
	}
	collector.reserve(
		blobs.reduce((sum, blob) => sum + blob.size, 0),
		label
	);

	const raw = `${rawBaseFor(api)}/${segments(repo.owner)}/${segments(repo.name)}/${segments(ref)}`;
	let done = 0;
	const results = new Map<string, Uint8Array>();
	const queue = [...blobs];
	const worker = async () => {
		for (let blob = queue.shift(); blob; blob = queue.shift()) {
			const answer = await get(`${raw}/${segments(blob.path)}`, blob.path, '*/*');
			if (!answer) {
				throw new ImportError(
					`${blob.path} could not be downloaded from ${label}@${ref} (it may have changed ` +
						'while importing). Try again.'
				);
			}
			results.set(blob.path, new Uint8Array(await answer.arrayBuffer()));
			done++;
			options.onProgress?.({ phase: `Downloading ${label}`, done, total: blobs.length });
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, blobs.length) }, worker));
	for (const blob of blobs) {
		collector.add({ kind: 'file', path: blob.path, data: results.get(blob.path)! }, label);
	}
	// A repository's files are its root: one folder holding them all is part of the project.
	return collector.finish(info.data.name, { stripTop: false });
}
