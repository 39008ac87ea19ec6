/**
 * What a person may type to name a repository: its page URL (with /tree/<ref> for a branch, tag
 * or commit), `owner/name`, or `owner/name@ref`.
 */
import { ImportError } from './import-types';

export interface RepoReference {
	readonly owner: string;
	readonly name: string;
	/** A branch, tag or commit; the repository's default branch when absent. */
	readonly ref?: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const REF = /^[^\s~^:?*[\\]+$/;

function invalid(input: string): ImportError {
	return new ImportError(
		`“${input}” is not a GitHub repository Kiln can read. Type its address ` +
			'(https://github.com/owner/name) or owner/name, optionally @branch.'
	);
}

export function parseRepoReference(input: string): RepoReference {
	const text = input.trim();
	if (text === '') throw invalid(input);
	let owner: string | undefined;
	let name: string | undefined;
	let ref: string | undefined;
	if (/^(https?:\/\/|[\w.-]+\.[a-z]{2,}\/)/i.test(text)) {
		let url: URL;
		try {
			url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
		} catch {
			throw invalid(input);
		}
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		[owner, name] = parts;
		if (parts[2] === 'tree' || parts[2] === 'commit') ref = parts.slice(3).join('/') || undefined;
		else if (parts.length > 2) throw invalid(input);
	} else {
		const at = text.indexOf('@');
		const path = at === -1 ? text : text.slice(0, at);
		ref = at === -1 ? undefined : text.slice(at + 1) || undefined;
		const parts = path.split('/');
		if (parts.length !== 2) throw invalid(input);
		[owner, name] = parts;
	}
	name = name?.replace(/\.git$/, '');
	if (!owner || !name || !OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') {
		throw invalid(input);
	}
	if (ref !== undefined && (!REF.test(ref) || ref.split('/').includes('..'))) throw invalid(input);
	return ref === undefined ? { owner, name } : { owner, name, ref };
}

export function formatRepoReference(repo: RepoReference): string {
	return `${repo.owner}/${repo.name}${repo.ref ? `@${repo.ref}` : ''}`;
}
