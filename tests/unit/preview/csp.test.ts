import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ideContentSecurityPolicy, inlineScriptHashes } from '../../../scripts/csp.mjs';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe("the IDE's Content-Security-Policy", () => {
	it('is the same in the static hosts’ header files as the servers send (without a preview origin)', () => {
		const policy = ideContentSecurityPolicy({});
		expect(read('static/_headers')).toContain(`Content-Security-Policy: ${policy}\n`);
		const vercel = JSON.parse(read('vercel.json')) as {
			headers: { headers: { key: string; value: string }[] }[];
		};
		const sent = vercel.headers.flatMap((rule) => rule.headers);
		expect(sent).toContainEqual({ key: 'Content-Security-Policy', value: policy });
	});

	it('frames the preview origin and WebContainer only, and never allows inline scripts', () => {
		const policy = ideContentSecurityPolicy({ previewOrigin: 'https://preview.example.com' });
		expect(policy).toMatch(/frame-src https:\/\/preview\.example\.com https:\/\/stackblitz\.com /);
		expect(policy).not.toMatch(/unsafe-inline|unsafe-eval'|frame-src \*/);
		// Scripts are SvelteKit's <meta> policy; a default-src here would refuse its hashed bootstrap.
		expect(policy).not.toMatch(/script-src|default-src/);
		expect(policy).toContain('http://localhost:*');
	});

	it('hashes every inline script of app.html', () => {
		const html = '<script>a()</script><p></p><script>\n\tb();\n</script>';
		expect(inlineScriptHashes(html)).toEqual([
			'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4=',
			expect.stringMatching(/^sha256-[\w+/]+=*$/)
		]);
		// The theme, and a project's preloads (whose hash the build swaps: project-preloads.test.ts).
		expect(inlineScriptHashes()).toHaveLength(2);
	});
});
