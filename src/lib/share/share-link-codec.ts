/**
 * A project to and from a URL fragment: `v1.<characters>.<base64url>`, where the base64url holds
 * the packed project's length (4 bytes), the first 8 bytes of its SHA-256, and the packed
 * project deflated. The fragment never reaches a server (browsers do not send it), so nothing is
 * uploaded. The declared character count catches a link cut short and says how much arrived;
 * the length and checksum catch a damaged one; the length also caps inflating, so a small
 * hostile link cannot expand into gigabytes.
 */
import { deflateSync, Inflate } from 'fflate';
import { fromBase64Url, toBase64Url } from './share-link-base64';
import { packProject, unpackProject, type SharedProject } from './share-link-container';
import { corrupted, tooLarge, truncated, ShareLinkError } from './share-link-errors';
import { DECODED_MAX_BYTES } from './share-link-limits';

export const SHARE_FORMAT_VERSION = 1;
const PREFIX = `v${SHARE_FORMAT_VERSION}.`;
const HEAD_BYTES = 12;
/** Input fed to the inflater at a time: deflate expands at most ~1032×, so ≤ ~1 MB out per step. */
const INFLATE_STEP = 1024;
/** Input inflated between pauses that let the page paint. */
const YIELD_EVERY = 256 * 1024;

/** Packs and compresses a project into a fragment (without the "#"). */
export async function encodeShareFragment(project: SharedProject): Promise<string> {
	const packed = packProject(project);
	if (packed.length > DECODED_MAX_BYTES) {
		throw new ShareLinkError(
			'too-large',
			`This project holds ${(packed.length / 1024 / 1024).toFixed(1)} MB, more than the ${DECODED_MAX_BYTES / 1024 / 1024} MB a link may carry. Export it as a zip instead.`
		);
	}
	const [digest, deflated] = await Promise.all([checksum(packed), compress(packed)]);
	const body = new Uint8Array(HEAD_BYTES + deflated.length);
	new DataView(body.buffer).setUint32(0, packed.length);
	body.set(digest, 4);
	body.set(deflated, HEAD_BYTES);
	const text = toBase64Url(body);
	return `${PREFIX}${text.length}.${text}`;
}

/** Reads a fragment (with or without its "#"); throws a ShareLinkError saying what is wrong. */
export async function decodeShareFragment(fragment: string): Promise<SharedProject> {
	const { declared, payload } = splitFragment(fragment.replace(/^#/, ''));
	if (payload.length < declared) {
		throw truncated(
			`only ${payload.length.toLocaleString('en-US')} of its ${declared.toLocaleString('en-US')} characters arrived`
		);
	}
	if (payload.length > declared) throw corrupted('it has characters its sender did not put there');
	const body = fromBase64Url(payload);
	if (!body || body.length < HEAD_BYTES) throw corrupted('it is not a Kiln share link');
	const size = new DataView(body.buffer).getUint32(0);
	if (size > DECODED_MAX_BYTES) {
		throw tooLarge(
			`it would expand to ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${DECODED_MAX_BYTES / 1024 / 1024} MB a link may hold`
		);
	}
	const packed = await inflateCapped(body.subarray(HEAD_BYTES), size);
	const digest = await checksum(packed);
	if (!digest.every((byte, i) => byte === body[4 + i])) {
		throw corrupted('its contents do not match their checksum');
	}
	return unpackProject(packed);
}

/** Splits `v1.<n>.<payload>`; a prefix of that shape is a link cut short, not a wrong one. */
function splitFragment(fragment: string): { declared: number; payload: string } {
	const version = /^v(\d+)\./.exec(fragment);
	if (!version) {
		if (PREFIX.startsWith(fragment)) throw truncated('it ends right after its first characters');
		throw corrupted('it is not a Kiln share link');
	}
	if (Number(version[1]) !== SHARE_FORMAT_VERSION) {
		if (Number(version[1]) > SHARE_FORMAT_VERSION) {
			throw new ShareLinkError(
				'unsupported-version',
				'This link was made by a newer version of Kiln than this one.'
			);
		}
		throw corrupted('it is not a Kiln share link');
	}
	const rest = fragment.slice(version[0].length);
	const count = /^(\d+)\./.exec(rest);
	if (!count) {
		if (/^\d*$/.test(rest)) throw truncated('it ends right after its first characters');
		throw corrupted('it is not a Kiln share link');
	}
	// Autolinkers and sentences leave trailing punctuation (".", ")", quotes): not base64url.
	const payload = rest.slice(count[0].length).replace(/[^A-Za-z0-9_-]+$/, '');
	return { declared: Number(count[1]), payload };
}

async function inflateCapped(input: Uint8Array, size: number): Promise<Uint8Array> {
	const out = new Uint8Array(size);
	let written = 0;
	let overflow = false;
	const inflater = new Inflate((chunk) => {
		if (written + chunk.length > size) {
			overflow = true;
			return;
		}
		out.set(chunk, written);
		written += chunk.length;
	});
	try {
		for (let at = 0; at < input.length && !overflow; at += INFLATE_STEP) {
			const end = Math.min(at + INFLATE_STEP, input.length);
			inflater.push(input.subarray(at, end), end === input.length);
			if (end % YIELD_EVERY < INFLATE_STEP) await pause();
		}
	} catch {
		throw corrupted('its contents cannot be decompressed');
	}
	if (overflow) throw corrupted('it expands to more than it says it holds');
	if (written !== size) throw corrupted('it expands to less than it says it holds');
	return out;
}

function pause(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

async function checksum(data: Uint8Array): Promise<Uint8Array> {
	const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
	return new Uint8Array(digest, 0, 8);
}

/**
 * Deflates in a worker where there is one (the page), so a big project does not freeze it; on
 * this thread where there is none (Node: tests, the benchmark) or it cannot start.
 */
function compress(data: Uint8Array): Promise<Uint8Array> {
	if (typeof Worker === 'undefined') return Promise.resolve(deflateSync(data, { level: 9 }));
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./share-link-deflate.worker.ts', import.meta.url), {
				type: 'module'
			});
		} catch {
			resolve(deflateSync(data, { level: 9 }));
			return;
		}
		worker.onmessage = (event: MessageEvent<Uint8Array>) => {
			worker.terminate();
			resolve(event.data);
		};
		worker.onerror = () => {
			worker.terminate();
			resolve(deflateSync(data, { level: 9 }));
		};
		worker.postMessage(data);
	});
}
