import { expect, test } from './model-server';
import { previewOrigin } from './origins';

test('the IDE sends a Content-Security-Policy that frames only the preview origin and WebContainer', async ({
	request
}) => {
	const response = await request.get('/project/some-id');
	const policy = response.headers()['content-security-policy'] ?? '';
	const frameSrc = policy.split(';').find((part) => part.trim().startsWith('frame-src')) ?? '';
	expect(frameSrc.trim().split(/\s+/)).toEqual([
		'frame-src',
		previewOrigin,
		'https://stackblitz.com',
		'https://*.stackblitz.com',
		'https://*.webcontainer-api.io',
		'https://*.webcontainer.io'
	]);
	expect(policy).toContain("object-src 'none'");
	// Scripts are governed by the policy SvelteKit writes into the page, with hashes only.
	const html = await response.text();
	const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
	expect(meta).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[\w+/=]+')+$/);
	expect(meta).not.toContain('unsafe-inline');

	const config = await request.get('/kiln-config.json');
	expect(await config.json()).toEqual({ previewOrigin });
});

test('the browser takes every source of the policy (it reports none as invalid)', async ({
	page
}) => {
	const complaints: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/.test(message.text())) complaints.push(message.text());
	});
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(complaints).toEqual([]);
});

test('an inline script injected into the IDE does not run, while the IDE itself does', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('button', { name: 'Create project' })).toBeVisible();
	// The theme snippet in app.html is inline too: its hash lets it run.
	await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);

	const outcome = await page.evaluate(
		() =>
			new Promise<{ ran: boolean; violation: string | null }>((resolve) => {
				const state = window as unknown as { injectedRan?: boolean };
				let violation: string | null = null;
				document.addEventListener('securitypolicyviolation', (event) => {
					violation = event.effectiveDirective;
				});
				const script = document.createElement('script');
				script.textContent = 'window.injectedRan = true;';
				document.head.append(script);
				// Violation events are queued as tasks: a later task sees it, and the script's verdict.
				setTimeout(() => resolve({ ran: state.injectedRan === true, violation }), 0);
			})
	);
	expect(outcome).toEqual({ ran: false, violation: 'script-src-elem' });
});

test('the preview origin serves only its bootstrap files, embeddable by the isolated IDE', async ({
	request
}) => {
	const host = await request.get(`${previewOrigin}/__kiln/host.html`);
	expect(host.ok()).toBe(true);
	expect(host.headers()['cross-origin-embedder-policy']).toBe('credentialless');
	expect(host.headers()['cross-origin-resource-policy']).toBe('cross-origin');
	const worker = await request.get(`${previewOrigin}/__kiln-sw.js`);
	expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
	// Never the IDE app: its pages and assets are not there.
	for (const path of ['/', '/project/some-id', '/kiln-config.json', '/favicon.svg']) {
		const response = await request.get(`${previewOrigin}${path}`);
		expect(response.status(), path).toBe(404);
		expect(await response.text()).not.toContain('_app/');
	}
});
