#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the build, once,
// at build time: `npm start` (scripts/serve.mjs) then answers with them (Content-Encoding) instead
// of sending 2.8 MB uncompressed, and never spends CPU compressing per request.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats; images other than SVG, fonts and archives are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|wasm|xml)$/i;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/** Compresses every file under `dir` worth it; returns how many files got copies. */
export async function precompress(dir) {
	let count = 0;
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
		const path = join(entry.parentPath ?? entry.path, entry.name);
		if ((await stat(path)).size < MIN_BYTES) continue;
		const bytes = await readFile(path);
		const [br, gz] = await Promise.all([
			brotli(bytes, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
					[constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
				}
			}),
			gzipAsync(bytes, { level: 9 })
		]);
		// A copy that is not smaller is left out: the server then sends the file itself.
		if (br.length < bytes.length) await writeFile(`${path}.br`, br);
		if (gz.length < bytes.length) await writeFile(`${path}.gz`, gz);
		count++;
	}
	return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const dirs = process.argv.slice(2);
	const targets = dirs.length > 0 ? dirs : ['build', 'build-preview'];
	for (const dir of targets) {
		const exists = await stat(dir).catch(() => undefined);
		if (!exists?.isDirectory()) continue;
		console.log(`Precompressed ${await precompress(dir)} files in ${dir}/ (brotli and gzip).`);
	}
}
