/**
 * A stand-in for GitHub's REST API and raw file host, answering from a scripted file map: the
 * repository, its recursive tree, raw blobs (/raw/owner/name/ref/path, as GitHub Enterprise
 * serves them), and real tarball (nanotar + gzip) and zipball (fflate) archives with GitHub's
 * single top folder. Faults: rate limit (403 with x-ratelimit-remaining: 0), private, oversized.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync, zipSync, type Zippable } from 'fflate';
import { createTar } from 'nanotar';
import { sendJson } from './http-io';

export interface MockRepo {
	files: Record<string, string | Uint8Array>;
	defaultBranch?: string;
	/** Other branches or tags that name the same files. */
	refs?: readonly string[];
	private?: boolean;
	/** What the API reports as size (KB); computed from the files when absent. */
	sizeKb?: number;
}

export interface MockGitHub {
	/** 'owner/name' → repository. */
	repos: Record<string, MockRepo>;
	/** Every API request answers 403 rate-limited, resetting at this time (epoch seconds). */
	rateLimitedUntil?: number;
}

const EXPOSED = 'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after';
const SHA = '0123456789abcdef0123456789abcdef01234567';

const bytes = (data: string | Uint8Array) =>
	typeof data === 'string' ? new TextEncoder().encode(data) : data;

function send(res: ServerResponse, status: number, body: Uint8Array, type: string) {
	res.writeHead(status, { 'content-type': type, 'content-length': String(body.byteLength) });
	res.end(body);
}

function dirsOf(files: Record<string, unknown>): string[] {
	const dirs = new Set<string>();
	for (const path of Object.keys(files)) {
		const parts = path.split('/');
		for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
	}
	return [...dirs].sort();
}

/** Whether the request is for the GitHub stand-in (API under any base path, or raw files). */
export function isGitHubPath(path: string): boolean {
	return /\/repos\/[^/]+\/[^/]+/.test(path) || path.startsWith('/raw/');
}

export function answerGitHub(
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	github: MockGitHub
): void {
	res.setHeader('access-control-expose-headers', EXPOSED);
	res.setHeader('x-ratelimit-limit', '60');
	const notFound = () =>
		sendJson(res, 404, {
			message: 'Not Found',
			documentation_url: 'https://docs.github.com/rest'
		});
	const decoded = path.split('/').map(decodeURIComponent);

	if (path.startsWith('/raw/')) {
		const [, , owner, name, ...rest] = decoded;
		const repo = github.repos[`${owner}/${name}`];
		if (!repo || repo.private) return notFound();
		const refs = [repo.defaultBranch ?? 'main', ...(repo.refs ?? []), SHA];
		const ref = refs.find((candidate) => rest.join('/').startsWith(`${candidate}/`));
		if (!ref) return notFound();
		const file = repo.files[rest.join('/').slice(ref.length + 1)];
		if (file === undefined) return notFound();
		return send(res, 200, bytes(file), 'text/plain; charset=utf-8');
	}

	if (github.rateLimitedUntil !== undefined) {
		res.setHeader('x-ratelimit-remaining', '0');
		res.setHeader('x-ratelimit-reset', String(github.rateLimitedUntil));
		return sendJson(res, 403, {
			message: 'API rate limit exceeded for 127.0.0.1.',
			documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
		});
	}
	res.setHeader('x-ratelimit-remaining', '59');
	const at = decoded.indexOf('repos');
	const [owner, name, action, ...rest] = decoded.slice(at + 1);
	const repo = github.repos[`${owner}/${name}`];
	// GitHub answers 404 for private repositories to anyone not signed in.
	if (!repo || repo.private || req.method !== 'GET') return notFound();
	const branch = repo.defaultBranch ?? 'main';
	const known = (ref: string | undefined) =>
		ref !== undefined && [branch, ...(repo.refs ?? []), SHA].includes(ref);
	const total = Object.values(repo.files).reduce((sum, data) => sum + bytes(data).byteLength, 0);

	if (action === undefined) {
		return sendJson(res, 200, {
			name,
			full_name: `${owner}/${name}`,
			private: false,
			default_branch: branch,
			size: repo.sizeKb ?? Math.ceil(total / 1024)
		});
	}
	if (action === 'git' && rest[0] === 'trees') {
		const ref = rest.slice(1).join('/');
		if (!known(ref)) return notFound();
		const tree = [
			...dirsOf(repo.files).map((dir) => ({ path: dir, mode: '040000', type: 'tree', sha: SHA })),
			...Object.entries(repo.files).map(([file, data]) => ({
				path: file,
				mode: '100644',
				type: 'blob',
				sha: SHA,
				size: bytes(data).byteLength
			}))
		];
		return sendJson(res, 200, { sha: SHA, tree, truncated: false });
	}
	if (action === 'tarball' || action === 'zipball') {
		const ref = rest.join('/') || branch;
		if (!known(ref)) return notFound();
		const top = `${owner}-${name}-${SHA.slice(0, 7)}`;
		if (action === 'tarball') {
			const tar = createTar(
				Object.entries(repo.files).map(([file, data]) => ({ name: `${top}/${file}`, data }))
			);
			return send(res, 200, gzipSync(tar), 'application/x-gzip');
		}
		const entries: Zippable = { [`${top}/`]: new Uint8Array(0) };
		for (const [file, data] of Object.entries(repo.files)) entries[`${top}/${file}`] = bytes(data);
		return send(res, 200, zipSync(entries), 'application/zip');
	}
	return notFound();
}
