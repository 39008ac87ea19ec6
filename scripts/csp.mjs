// The IDE's Content-Security-Policy, in one place for every server that sends it: the production
// server (scripts/serve.mjs), the dev server (tooling/preview-origin.ts), and the static hosts'
// header files, which a unit test keeps equal to what this produces.
//
// Scripts are governed by SvelteKit (kit.csp in svelte.config.js): it hashes what it inlines and
// writes a <meta> policy into the built HTML. Two policies are both enforced, so the header below
// deliberately says nothing about scripts (no default-src either, which would fall back onto
// script-src and refuse SvelteKit's own hashed bootstrap).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const appHtml = fileURLToPath(new URL('../src/app.html', import.meta.url));

/**
 * Where WebContainer's frames come from: its headless iframe on stackblitz.com and the dev
 * servers it previews on *.webcontainer-api.io (see @webcontainer/api's iframe-url.js).
 */
export const webContainerFrameSources = [
	'https://stackblitz.com',
	'https://*.stackblitz.com',
	'https://*.webcontainer-api.io',
	'https://*.webcontainer.io'
];

/**
 * Provider base URLs are the person's choice: any https server, or a model server on this
 * machine over plain http (Ollama, LM Studio, llama.cpp, the scripted test server). Not
 * `http://[::1]:*`: CSP's host grammar has no IPv6 literals, so Chromium ignored it with a console
 * error on every page; a server on [::1] is reached as localhost.
 */
export const providerConnectSources = [
	'https:',
	'wss:',
	'http://localhost:*',
	'http://127.0.0.1:*'
];

/** `sha256-…` of every inline script in src/app.html (the theme snippet), as CSP wants them. */
export function inlineScriptHashes(html = readFileSync(appHtml, 'utf8')) {
	const hashes = [];
	for (const match of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
		hashes.push(`sha256-${createHash('sha256').update(match[1]).digest('base64')}`);
	}
	return hashes;
}

/** script-src for kit.csp (SvelteKit quotes the keywords and adds its own hashes). */
export function ideScriptSources() {
	// just-bash compiles WebAssembly (its python and sqlite commands).
	return ['self', 'wasm-unsafe-eval', ...inlineScriptHashes()];
}

/**
 * The header policy. `previewOrigin` is the origin project pages run on (null when none is
 * configured: previews then run as srcdoc frames, which frame-src does not govern); `dev` adds
 * Vite's hot-reload socket.
 */
export function ideContentSecurityPolicy({ previewOrigin = null, dev = false } = {}) {
	const frames = [...(previewOrigin ? [previewOrigin] : []), ...webContainerFrameSources];
	const connect = ["'self'", 'blob:', 'data:', ...providerConnectSources, ...(dev ? ['ws:'] : [])];
	return [
		`frame-src ${frames.join(' ')}`,
		`connect-src ${connect.join(' ')}`,
		"worker-src 'self' blob:",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}
