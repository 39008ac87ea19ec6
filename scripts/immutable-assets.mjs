// The build's content-hashed files (/_app/immutable/), held in memory and answered in one write.
//
// Opening a project asks for ~45 files at once over HTTP/1.1's six connections per host, while
// the browser parses and compiles on the same two cores. sirv answers each from disk through a
// read stream: an open, reads and a close, each a trip through libuv's thread pool and another
// turn of the event loop, and each turn waits for a core. Traced on this machine, stylesheets of
// 1–3 KB took 40–55 ms from request to first byte and the files queued behind them waited up to
// 300 ms for a connection. These files never change (their names carry their hash), so reading
// them once at start is safe; they are ~15 MB with their .br and .gz copies.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { lookup } from 'mrmime';

const PREFIX = '/_app/immutable/';

/** Encodings in the order preferred, with the suffix of the copy scripts/precompress.mjs wrote. */
const ENCODINGS = [
	{ name: 'br', suffix: '.br' },
	{ name: 'gzip', suffix: '.gz' }
];

async function listFiles(dir) {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Every file under `root`/_app/immutable (but the compressed copies), with those copies, keyed by
 * its URL path. An empty map when the build has no such folder.
 */
export async function loadImmutableAssets(root) {
	const dir = join(root, '_app', 'immutable');
	const assets = new Map();
	const files = await listFiles(dir).catch((error) => {
		if (error?.code === 'ENOENT') return [];
		throw error;
	});
	const names = new Set(files);
	for (const file of files) {
		if (ENCODINGS.some(({ suffix }) => file.endsWith(suffix))) continue;
		const [body, info] = await Promise.all([readFile(file), stat(file)]);
		const encoded = {};
		for (const { name, suffix } of ENCODINGS) {
			if (names.has(file + suffix)) encoded[name] = await readFile(file + suffix);
		}
		const path = PREFIX + relative(dir, file).split(sep).join('/');
		assets.set(path, {
			type: lookup(file) ?? 'application/octet-stream',
			body,
			encoded,
			// Weak, like sirv's: the same file answers the same validator whichever copy is sent.
			etag: `W/"${info.size}-${info.mtime.getTime()}"`
		});
	}
	return assets;
}

/** The preferred encoding the request accepts that the file has a copy in, else null. */
export function pickEncoding(acceptEncoding, encoded) {
	const accepted = new Set(
		String(acceptEncoding ?? '')
			.split(',')
			.map((part) => part.split(';')[0].trim().toLowerCase())
	);
	return ENCODINGS.find(({ name }) => accepted.has(name) && encoded[name])?.name ?? null;
}

/**
 * Answers `req` from `assets` when it asks for one of them with GET or HEAD (a range request is
 * left to the caller); returns whether it answered. Headers already set on `res` are kept.
 */
export function answerFromMemory(assets, req, res, cacheControl) {
	if (req.method !== 'GET' && req.method !== 'HEAD') return false;
	if (req.headers.range) return false;
	let pathname;
	try {
		pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
	} catch {
		return false; // a malformed address: the file server answers it as it answers any other
	}
	const asset = assets.get(pathname);
	if (!asset) return false;
	res.setHeader('Cache-Control', cacheControl);
	res.setHeader('ETag', asset.etag);
	res.setHeader('Vary', 'Accept-Encoding');
	if (req.headers['if-none-match'] === asset.etag) {
		res.statusCode = 304;
		res.end();
		return true;
	}
	const encoding = pickEncoding(req.headers['accept-encoding'], asset.encoded);
	const body = encoding ? asset.encoded[encoding] : asset.body;
	res.statusCode = 200;
	res.setHeader('Content-Type', asset.type);
	res.setHeader('Content-Length', body.length);
	if (encoding) res.setHeader('Content-Encoding', encoding);
	res.end(req.method === 'HEAD' ? undefined : body);
	return true;
}
