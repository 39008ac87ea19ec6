/**
 * A chat's images, content-addressed: one record per distinct image (key: the SHA-256 of its
 * bytes), however many events, chats or branches name it, and one small reference per chat that
 * holds it ([sessionId, hash]). An image is deleted with the last chat that refers to it.
 * Written blob first, reference second, so a crash between leaves garbage to collect, never a
 * reference to nothing; read back validated (format, size, and the bytes against their hash).
 */
import { promisifyRequest, set, setMany } from 'idb-keyval';
import * as z from 'zod/mini';
import {
	bytesToBase64,
	IMAGE_MEDIA_TYPES,
	imageRefOf,
	sha256OfBytes,
	type ImageRef,
	type SessionImage
} from '../session';
import { lazySchema } from './lazy-schema';
import { openStorage } from './migrations';
import { setAside } from './quarantine';
import { getStores } from './stores';

/** What the images store holds under an image's hash. */
export interface StoredImage {
	readonly mediaType: ImageRef['mediaType'];
	readonly width: number;
	readonly height: number;
	readonly data: Uint8Array;
}

const storedImageSchema = lazySchema(() =>
	z.looseObject({
		mediaType: z.enum(IMAGE_MEDIA_TYPES as [ImageRef['mediaType'], ...ImageRef['mediaType'][]]),
		width: z.number().check(z.int(), z.positive()),
		height: z.number().check(z.int(), z.positive()),
		data: z.custom<Uint8Array>((value) => ArrayBuffer.isView(value) && value.byteLength > 0)
	})
);

/** Every image reference of a chat lies between [id] and [id, []] (arrays sort after strings). */
function refRange(sessionId: string): IDBKeyRange {
	return IDBKeyRange.bound([sessionId], [sessionId, []]);
}

/** Keeps `image` for the chat `sessionId` (the parent chat for a subagent's transcript). */
export async function putSessionImage(sessionId: string, image: SessionImage): Promise<ImageRef> {
	const { ref, bytes } = await imageRefOf(image);
	await openStorage();
	const stores = getStores();
	// Looked up apart from the write: a transaction must not wait on a promise between requests.
	const known = await stores.images('readonly', (store) =>
		promisifyRequest(store.getKey(ref.hash))
	);
	if (known === undefined) {
		const record: StoredImage = {
			mediaType: ref.mediaType,
			width: ref.width,
			height: ref.height,
			data: bytes
		};
		await set(ref.hash, record, stores.images);
	}
	await set([sessionId, ref.hash], true, stores.imageRefs);
	return ref;
}

/**
 * The chat's readable images, hash → base64. One that fails validation is set aside (the model
 * then gets a note in its place) and the rest still load.
 */
export async function loadSessionImages(sessionId: string): Promise<Map<string, string>> {
	await openStorage();
	const stores = getStores();
	const keys = await stores.imageRefs('readonly', (store) =>
		promisifyRequest(store.getAllKeys(refRange(sessionId)))
	);
	const hashes = keys.flatMap((key) =>
		Array.isArray(key) && typeof key[1] === 'string' ? [key[1]] : []
	);
	const values = await stores.images('readonly', (store) =>
		Promise.all(hashes.map((hash) => promisifyRequest(store.get(hash))))
	);
	const images = new Map<string, string>();
	for (const [index, hash] of hashes.entries()) {
		const value: unknown = values[index];
		if (value === undefined) continue;
		const problem = await imageProblem(hash, value);
		if (problem === undefined) {
			images.set(hash, bytesToBase64((value as StoredImage).data));
		} else {
			await setAside({ kind: 'image', store: 'images', key: hash, value, reason: problem });
		}
	}
	return images;
}

async function imageProblem(hash: string, value: unknown): Promise<string | undefined> {
	const checked = z.safeParse(storedImageSchema, value);
	if (!checked.success) return checked.error.issues.map((issue) => issue.message).join('; ');
	const data = checked.data.data;
	const bytes = new Uint8Array(data.byteLength);
	bytes.set(data);
	return (await sha256OfBytes(bytes)) === hash ? undefined : 'the bytes do not match their hash';
}

/** Forgets which images the chat held, then deletes those no other chat holds. */
export async function deleteSessionImages(sessionId: string): Promise<number> {
	await openStorage();
	await getStores().imageRefs('readwrite', (store) => {
		store.delete(refRange(sessionId));
		return promisifyRequest(store.transaction);
	});
	return collectImageGarbage();
}

/** Copies the chat's image references to another chat (a branch names the same images). */
export async function copySessionImageRefs(from: string, to: string): Promise<void> {
	await openStorage();
	const { imageRefs } = getStores();
	const keys = await imageRefs('readonly', (store) =>
		promisifyRequest(store.getAllKeys(refRange(from)))
	);
	await setMany(
		keys.flatMap((key): [IDBValidKey, true][] =>
			Array.isArray(key) && typeof key[1] === 'string' ? [[[to, key[1]], true]] : []
		),
		imageRefs
	);
}

/** Deletes images no chat refers to (left by deleted chats, or a write cut short). */
export async function collectImageGarbage(): Promise<number> {
	await openStorage();
	const stores = getStores();
	const refs = await stores.imageRefs('readonly', (store) => promisifyRequest(store.getAllKeys()));
	const live = new Set(
		refs.flatMap((key) => (Array.isArray(key) && typeof key[1] === 'string' ? [key[1]] : []))
	);
	const keys = await stores.images('readonly', (store) => promisifyRequest(store.getAllKeys()));
	const dead = keys.filter((key) => typeof key !== 'string' || !live.has(key));
	if (dead.length === 0) return 0;
	await stores.images('readwrite', (store) => {
		for (const key of dead) store.delete(key);
		return promisifyRequest(store.transaction);
	});
	return dead.length;
}
