/** GitHub's answers turned into messages a person can act on. */
import { ImportError } from './import-types';

function resetTime(response: Response, now: number): string | undefined {
	const reset = Number(response.headers.get('x-ratelimit-reset'));
	if (!Number.isFinite(reset) || reset <= 0) return undefined;
	const minutes = Math.max(1, Math.ceil((reset * 1000 - now) / 60_000));
	const at = new Date(reset * 1000).toLocaleTimeString(undefined, {
		hour: '2-digit',
		minute: '2-digit'
	});
	return `at ${at} (in ${minutes} minute${minutes === 1 ? '' : 's'})`;
}

export function isRateLimited(response: Response): boolean {
	if (response.status !== 403 && response.status !== 429) return false;
	return (
		response.headers.get('x-ratelimit-remaining') === '0' ||
		response.headers.has('retry-after') ||
		response.status === 429
	);
}

export function rateLimitError(response: Response, now = Date.now()): ImportError {
	const when = resetTime(response, now);
	const retryAfter = Number(response.headers.get('retry-after'));
	const wait = when
		? `It resets ${when}; try again then.`
		: Number.isFinite(retryAfter) && retryAfter > 0
			? `Try again in ${Math.ceil(retryAfter)} seconds.`
			: 'Wait a few minutes and try again.';
	return new ImportError(
		'GitHub’s rate limit is used up: without signing in, GitHub allows 60 API requests an hour ' +
			`from your address. ${wait}`
	);
}

export function notFoundError(repo: string): ImportError {
	return new ImportError(
		`GitHub has no public repository ${repo}. Check the owner and name; if it is private, ` +
			'Kiln cannot import it (only public repositories can be fetched without signing in). ' +
			'Download it as a zip from GitHub and import that instead.'
	);
}

export function networkError(host: string, error: unknown): ImportError {
	return new ImportError(
		`Kiln could not reach ${host} (${(error as Error)?.message ?? error}). Check your ` +
			'connection (and the GitHub address under Advanced), then try again.'
	);
}

export function statusError(what: string, response: Response): ImportError {
	return new ImportError(
		`GitHub answered ${response.status} ${response.statusText} for ${what}. ` +
			'Try again in a moment; if it keeps failing, download the repository as a zip and import that.'
	);
}
