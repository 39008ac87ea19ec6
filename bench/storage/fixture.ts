/**
 * The project the storage benchmark saves and restores: 2,000 files, 30 MB, the same bytes on
 * every run and machine. Mostly text of mixed sizes (a few large ones, many small ones, as real
 * projects have) plus some incompressible binary files (images, fonts), in nested folders.
 * Runs in the bench page (so 30 MB never crosses the Playwright wire) and in unit tests.
 */
import { Random } from '../context/fixture/random';

export type FixtureData = string | Uint8Array;

export interface FixtureOptions {
	readonly fileCount?: number;
	readonly totalBytes?: number;
	/** Share of the files that are binary. */
	readonly binaryShare?: number;
	readonly seed?: number;
}

export interface Fixture {
	readonly files: Record<string, FixtureData>;
	readonly fileCount: number;
	readonly totalBytes: number;
	readonly binaryCount: number;
	readonly binaryBytes: number;
}

export const FIXTURE_DEFAULTS = {
	fileCount: 2_000,
	totalBytes: 30 * 1024 * 1024,
	binaryShare: 0.1,
	seed: 8_010
} as const;

const TEXT_EXTENSIONS = ['ts', 'ts', 'ts', 'svelte', 'css', 'md', 'json', 'html'] as const;
const BINARY_EXTENSIONS = ['png', 'jpg', 'woff2', 'wasm'] as const;
const AREAS = ['src', 'src/lib', 'src/routes', 'tests', 'docs', 'static', 'packages'] as const;
const WORDS = [
	'const',
	'export',
	'function',
	'return',
	'await',
	'import',
	'interface',
	'project',
	'file',
	'value',
	'state',
	'index',
	'render',
	'update',
	'=',
	'=>',
	'{',
	'}',
	'(',
	');',
	'if',
	'for',
	'of',
	'string',
	'number',
	'true',
	'null'
] as const;

export function generateFixture(options: FixtureOptions = {}): Fixture {
	const fileCount = options.fileCount ?? FIXTURE_DEFAULTS.fileCount;
	const totalBytes = options.totalBytes ?? FIXTURE_DEFAULTS.totalBytes;
	const binaryShare = options.binaryShare ?? FIXTURE_DEFAULTS.binaryShare;
	const random = new Random(options.seed ?? FIXTURE_DEFAULTS.seed);
	if (fileCount < 1 || totalBytes < fileCount) {
		throw new Error('A fixture needs at least one file and at least one byte per file.');
	}

	const binaryCount = Math.round(fileCount * binaryShare);
	const sizes = fileSizes(random, fileCount, binaryCount, totalBytes);
	const files: Record<string, FixtureData> = {};
	let binaryBytes = 0;
	for (let i = 0; i < fileCount; i++) {
		const binary = i < binaryCount;
		const size = sizes[i]!;
		const path = uniquePath(random, files, i, binary);
		if (binary) {
			files[path] = randomBytes(random, size);
			binaryBytes += size;
		} else {
			files[path] = randomText(random, size);
		}
	}
	return { files, fileCount, totalBytes, binaryCount, binaryBytes };
}

/**
 * Log-uniform sizes (text 200 B – 64 KB, binary 4 KB – 256 KB), scaled so they add up to
 * exactly `totalBytes`; the rounding remainder goes to the largest file.
 */
function fileSizes(
	random: Random,
	fileCount: number,
	binaryCount: number,
	totalBytes: number
): number[] {
	const weights = Array.from({ length: fileCount }, (_, i) => {
		const [low, high] = i < binaryCount ? [4_096, 262_144] : [200, 65_536];
		return Math.exp(Math.log(low) + random.next() * (Math.log(high) - Math.log(low)));
	});
	const sum = weights.reduce((a, b) => a + b, 0);
	const sizes = weights.map((weight) => Math.max(1, Math.floor((weight / sum) * totalBytes)));
	const largest = sizes.indexOf(Math.max(...sizes));
	sizes[largest]! += totalBytes - sizes.reduce((a, b) => a + b, 0);
	return sizes;
}

function uniquePath(
	random: Random,
	taken: Record<string, FixtureData>,
	index: number,
	binary: boolean
): string {
	const depth = random.int(0, 3);
	const folders: string[] = [random.pick(AREAS)];
	for (let level = 0; level < depth; level++) folders.push(`part-${random.int(0, 7)}`);
	const extension = random.pick(binary ? BINARY_EXTENSIONS : TEXT_EXTENSIONS);
	const path = `${folders.join('/')}/file-${String(index).padStart(4, '0')}.${extension}`;
	if (path in taken) throw new Error(`The fixture generated ${path} twice.`);
	return path;
}

/** ASCII only, so a string's length is its size in bytes. */
function randomText(random: Random, size: number): string {
	const lines: string[] = [];
	let length = 0;
	while (length < size) {
		const words: string[] = ['\t'.repeat(random.int(0, 3))];
		const count = random.int(2, 12);
		for (let w = 0; w < count; w++) words.push(random.pick(WORDS));
		if (random.next() < 0.3) words.push(`v${random.int(0, 99_999)}`);
		const line = words.join(' ') + '\n';
		lines.push(line);
		length += line.length;
	}
	return lines.join('').slice(0, size);
}

/** Incompressible, like the images and fonts of a real project. */
function randomBytes(random: Random, size: number): Uint8Array {
	const bytes = new Uint8Array(size);
	let state = Math.floor(random.next() * 0xffffffff) | 1;
	for (let i = 0; i < size; i++) {
		// xorshift32: one draw from the seeded PRNG per file keeps 12 MB of bytes fast.
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		bytes[i] = state & 0xff;
	}
	return bytes;
}

/** A cheap fingerprint of a file set (FNV-1a over paths and bytes), for determinism checks. */
export function fingerprint(files: Readonly<Record<string, FixtureData>>): string {
	let hash = 0x811c9dc5;
	const mix = (code: number) => {
		hash ^= code & 0xff;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	};
	for (const path of Object.keys(files).sort()) {
		for (let i = 0; i < path.length; i++) mix(path.charCodeAt(i));
		const data = files[path]!;
		if (typeof data === 'string') for (let i = 0; i < data.length; i++) mix(data.charCodeAt(i));
		else for (const byte of data) mix(byte);
		mix(0);
	}
	return hash.toString(16).padStart(8, '0');
}

/** Size in bytes (text as UTF-8). */
export function byteSize(data: FixtureData): number {
	return typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength;
}
