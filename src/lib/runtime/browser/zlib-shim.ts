/**
 * The part of `node:zlib` that just-bash's gzip/gunzip/zcat use, over fflate, so those
 * commands work in the browser bundle. Buffer is returned because callers call Buffer methods.
 */
import { Buffer } from 'buffer';
import { gunzipSync as fflateGunzip, gzipSync as fflateGzip } from 'fflate';

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const constants = {
	Z_NO_COMPRESSION: 0,
	Z_BEST_SPEED: 1,
	Z_BEST_COMPRESSION: 9,
	Z_DEFAULT_COMPRESSION: -1
};

function toLevel(level: number | undefined): Level {
	if (level === undefined || level < 0) return 6;
	return Math.min(9, Math.max(0, Math.round(level))) as Level;
}

export function gzipSync(data: Uint8Array | string, options?: { level?: number }): Buffer {
	const input = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	return Buffer.from(fflateGzip(input, { level: toLevel(options?.level) }));
}

export function gunzipSync(data: Uint8Array): Buffer {
	return Buffer.from(fflateGunzip(data));
}

export default { constants, gzipSync, gunzipSync };
