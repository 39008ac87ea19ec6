import type { Request } from '@playwright/test';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';
import { ideOrigin, previewOrigin } from './origins';

/** The key `configure` types into Settings. */
const KEY = 'sk-test-key-123456';

interface Seen {
	url: string;
	origin: string;
	from: string;
	carriesKey: boolean;
}

/** Where the key could hide in a request: its URL, any header, or its body. */
async function carriesKey(request: Request): Promise<boolean> {
	if (request.url().includes(KEY)) return true;
	const headers = await request.allHeaders().catch(() => request.headers());
	if (Object.values(headers).some((value) => value.includes(KEY))) return true;
	return request.postDataBuffer()?.includes(KEY) ?? false;
}

function sourceOf(request: Request): string {
	if (request.serviceWorker()) return `service worker ${request.serviceWorker()?.url()}`;
	try {
		return request.frame().url();
	} catch {
		return 'a worker';
	}
}

test('the API key goes to the configured provider origin and nowhere else', async ({
	context,
	page,
	modelServer
}) => {
	// Context-level: pages, their frames (the preview, its host), workers and service workers.
	const pending: Promise<Seen>[] = [];
	context.on('request', (request) => {
		pending.push(
			carriesKey(request).then((key) => ({
				url: request.url(),
				origin: new URL(request.url()).origin,
				from: sourceOf(request),
				carriesKey: key
			}))
		);
	});

	// The turn also writes a page, so the preview origin is busy while the key is in use.
	modelServer.setScript({
		turns: [
			{
				toolCalls: [
					{
						name: 'write',
						input: {
							path: 'index.html',
							content: '<!doctype html><title>Page</title><h1>Written by the agent</h1>'
						}
					}
				]
			},
			{ text: 'The page is written.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Write a page');
	await expect(page.getByRole('region', { name: 'Chat' })).toContainText('The page is written.');
	await expect(
		page.frameLocator('iframe[title="Preview"]').getByRole('heading', { level: 1 })
	).toHaveText('Written by the agent');

	const seen = await Promise.all(pending);
	const providerOrigin = new URL(modelServer.url).origin;
	const withKey = seen.filter((request) => request.carriesKey);
	// The model was called with the key (twice: the write, then the answer)…
	expect(withKey.filter((request) => request.origin === providerOrigin).length).toBeGreaterThan(1);
	// …and nothing else ever carried it.
	expect(withKey.filter((request) => request.origin !== providerOrigin)).toEqual([]);
	// The other origins really were in play, so "nowhere else" means something.
	expect(seen.some((request) => request.origin === ideOrigin)).toBe(true);
	expect(seen.some((request) => request.origin === previewOrigin)).toBe(true);
	const calls = modelServer.requests().filter((request) => request.format !== null);
	expect(calls.length).toBeGreaterThan(1);
	expect(calls.every((request) => request.apiKey.present)).toBe(true);
});
