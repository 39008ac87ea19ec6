#!/usr/bin/env node
// Runs after `npm run build` (npm's postbuild) for static hosts:
// - writes the preview origin's site to build-preview/ (deploy it as a second site);
// - with KILN_PREVIEW_ORIGIN set, writes build/kiln-config.json so the IDE finds that origin,
//   and names it in build/_headers' frame-src;
// - with KILN_IDE_ORIGIN set, writes build-preview/__kiln/config.json so the preview origin
//   serves that IDE (and no other).
// Without them the IDE falls back to its opaque-origin sandbox. `npm start` needs none of this:
// its server answers both configs itself.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ideContentSecurityPolicy } from './csp.mjs';
import { bundlePreviewOrigin, previewOriginHeaders } from './preview-origin.mjs';

const buildDir = fileURLToPath(new URL('../build', import.meta.url));
const outDir = fileURLToPath(new URL('../build-preview', import.meta.url));

function origin(name) {
	const value = process.env[name];
	if (!value) return null;
	try {
		return new URL(value).origin;
	} catch {
		throw new Error(
			`${name}=${value} is not a URL. Set it to an origin such as https://preview.example.com.`
		);
	}
}

async function write(path, body) {
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, body);
}

let previewOrigin, ideOrigin;
try {
	previewOrigin = origin('KILN_PREVIEW_ORIGIN');
	ideOrigin = origin('KILN_IDE_ORIGIN');
} catch (error) {
	console.error(error.message);
	process.exit(1);
}

await rm(outDir, { recursive: true, force: true });
for (const [path, file] of await bundlePreviewOrigin()) await write(join(outDir, path), file.body);
const headerLines = Object.entries(previewOriginHeaders).map(([k, v]) => `  ${k}: ${v}`);
await write(
	join(outDir, '_headers'),
	`/*\n${headerLines.join('\n')}\n/__kiln*\n  Cache-Control: no-cache\n`
);
if (ideOrigin)
	await write(join(outDir, '__kiln/config.json'), JSON.stringify({ ideOrigins: [ideOrigin] }));

if (!previewOrigin) await rm(join(buildDir, 'kiln-config.json'), { force: true });
else {
	await write(join(buildDir, 'kiln-config.json'), JSON.stringify({ previewOrigin }));
	const headersFile = join(buildDir, '_headers');
	const headers = await readFile(headersFile, 'utf8');
	await writeFile(
		headersFile,
		headers.replace(
			/Content-Security-Policy: .*/,
			`Content-Security-Policy: ${ideContentSecurityPolicy({ previewOrigin })}`
		)
	);
}
console.log(
	`Preview origin written to build-preview/ (${ideOrigin ? `serves ${ideOrigin}` : 'set KILN_IDE_ORIGIN to pair it with the IDE'}); ` +
		(previewOrigin
			? `the IDE uses ${previewOrigin}.`
			: 'no KILN_PREVIEW_ORIGIN: the IDE will preview in its opaque sandbox.')
);
