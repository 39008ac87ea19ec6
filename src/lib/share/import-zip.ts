/**
 * Reading a zip into an ImportCollector, in small pieces with breaks for the page, so a large zip
 * never freezes the tab. A zip bomb is caught twice: by what its entries declare (size and ratio,
 * before anything is inflated) and by what inflating actually produces (entries that lie about
 * their size), and inflating stops at the first byte over.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { formatBytes, type ImportCollector } from './import-collect';
import { ImportError, type ProgressListener } from './import-types';
import { Breather } from './yield';
import { messageOf } from '../errors';

/** Bytes handed to the inflater at a time: what one step can inflate is bounded by this. */
const CHUNK_BYTES = 16 * 1024;
/**
 * Bytes read from the file at a time. Each read is a round trip to the browser's blob store
 * (about 1 ms): reading 16 KB at a time spent ~0.9 s of a 16 MB zip's import in reads alone.
 */
const READ_BYTES = 64 * CHUNK_BYTES;
/** Ratios are only judged past this size: tiny files of one repeated byte are normal. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ZipReadOptions {
	onProgress?: ProgressListener;
	signal?: AbortSignal;
}

function bombError(zipName: string, detail: string): ImportError {
	return new ImportError(
		`Refused: ${zipName} looks like a zip bomb (${detail}). Nothing was imported. ` +
			'If you trust it, unpack it on your computer and import the folder instead.'
	);
}

/** Adds every entry of the zip to `collector`; throws ImportError for refused zips. */
export async function readZip(
	source: Blob | Uint8Array,
	zipName: string,
	collector: ImportCollector,
	options: ZipReadOptions = {}
): Promise<void> {
	const blob = source instanceof Blob ? source : new Blob([source as BlobPart]);
	const magic = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
	const isZip = magic[0] === 0x50 && magic[1] === 0x4b && (magic[2] === 3 || magic[2] === 5);
	if (!isZip) {
		throw new ImportError(
			`${zipName} is not a zip archive (it does not start like one). Choose a .zip file, or ` +
				'use “Choose files” to import it as a plain file.'
		);
	}
	if (!(await hasEndRecord(blob))) {
		throw new ImportError(
			`${zipName} ends before its table of contents (it was cut short while downloading or ` +
				'copying). Download or create it again.'
		);
	}
	const { maxRatio, maxFileBytes } = collector.limits;
	let failure: Error | undefined;
	let inflatedTotal = 0;
	let readBytes = 0;
	const pending = new Set<UnzipFile>();

	const unzip = new Unzip((file) => {
		if (failure) return;
		try {
			startEntry(file);
		} catch (error) {
			failure = error as Error;
		}
	});
	unzip.register(UnzipInflate);
	unzip.register(UnzipPassThrough);

	function startEntry(file: UnzipFile): void {
		if (file.name.endsWith('/')) {
			collector.add({ kind: 'dir', path: file.name }, zipName);
			return;
		}
		const declared = file.originalSize;
		if (declared !== undefined && file.size !== undefined) {
			if (declared > RATIO_FLOOR_BYTES && declared / Math.max(file.size, 1) > maxRatio) {
				throw bombError(
					zipName,
					`“${file.name}” would grow from ${formatBytes(file.size)} to ${formatBytes(declared)}`
				);
			}
			collector.reserve(declared, zipName);
			if (declared > maxFileBytes) {
				collector.skip(file.name, 'too-large');
				return;
			}
		}
		if (file.compression !== 0 && file.compression !== 8) {
			throw new ImportError(
				`${zipName} stores “${file.name}” encrypted or with a compression Kiln cannot read ` +
					`(method ${file.compression}). Re-create the zip without a password, or import the folder.`
			);
		}
		const chunks: Uint8Array[] = [];
		let size = 0;
		pending.add(file);
		file.ondata = (error, chunk, final) => {
			if (failure) return;
			if (error) {
				failure = new ImportError(
					`${zipName} is damaged: “${file.name}” cannot be unpacked (${error.message}). ` +
						'Download or create the zip again.'
				);
				return;
			}
			size += chunk.byteLength;
			inflatedTotal += chunk.byteLength;
			const limit = declared ?? maxFileBytes;
			if (size > limit) {
				file.terminate();
				failure = bombError(
					zipName,
					declared === undefined
						? `“${file.name}” unpacks to more than ${formatBytes(maxFileBytes)}`
						: `“${file.name}” unpacks to more than the ${formatBytes(declared)} it declares`
				);
				return;
			}
			if (inflatedTotal > RATIO_FLOOR_BYTES && inflatedTotal / Math.max(readBytes, 1) > maxRatio) {
				file.terminate();
				failure = bombError(
					zipName,
					`${formatBytes(readBytes)} read so far unpack to ${formatBytes(inflatedTotal)}`
				);
				return;
			}
			try {
				collector.reserve(size, zipName);
			} catch (refused) {
				file.terminate();
				failure = refused as Error;
				return;
			}
			chunks.push(chunk);
			if (!final) return;
			pending.delete(file);
			try {
				collector.add({ kind: 'file', path: file.name, data: join(chunks, size) }, zipName);
			} catch (refused) {
				failure = refused as Error;
			}
		};
		file.start();
	}

	const breather = new Breather();
	let read = new Uint8Array(0);
	let readFrom = 0;
	for (let offset = 0; offset < blob.size || offset === 0; offset += CHUNK_BYTES) {
		const end = Math.min(offset + CHUNK_BYTES, blob.size);
		if (end > readFrom + read.byteLength || offset === 0) {
			readFrom = offset;
			const readEnd = Math.min(offset + READ_BYTES, blob.size);
			read = new Uint8Array(await blob.slice(offset, readEnd).arrayBuffer());
		}
		const chunk = read.subarray(offset - readFrom, end - readFrom);
		readBytes = end;
		try {
			unzip.push(chunk, end >= blob.size);
		} catch (error) {
			failure ??= new ImportError(
				`${zipName} is damaged (${messageOf(error)}). Download or create the zip again.`
			);
		}
		if (failure) {
			for (const file of pending) file.terminate();
			throw failure;
		}
		options.onProgress?.({ phase: `Reading ${zipName}`, done: end, total: blob.size });
		await breather.maybe(options.signal);
		if (end >= blob.size) break;
	}
	if (pending.size > 0) {
		throw new ImportError(
			`${zipName} ends before all of its files do (it may be cut short). Download it again.`
		);
	}
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
	if (chunks.length === 1 && chunks[0]!.byteLength === size) return chunks[0]!;
	const out = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.byteLength;
	}
	return out;
}

/** A whole zip ends with its end-of-central-directory record (PK 5 6), at most 64 KB from the end. */
async function hasEndRecord(blob: Blob): Promise<boolean> {
	const tail = new Uint8Array(await blob.slice(Math.max(0, blob.size - 65_557)).arrayBuffer());
	for (let i = tail.length - 22; i >= 0; i--) {
		if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) {
			return true;
		}
	}
	return false;
}
