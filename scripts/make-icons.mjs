#!/usr/bin/env node
// Draws Kiln's app icons (static/icons/*.png) from the favicon's two shapes, the kiln and its
// flame, so the installed app looks like the tab. Run it again after changing the favicon:
//   node scripts/make-icons.mjs
// PNG is written by hand (zlib is all it needs), four samples a pixel for smooth edges.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x1b, 0x1d, 0x22];
const KILN = [0xe8, 0x74, 0x3b];
const FLAME = [0xf6, 0xb2, 0x6b];

/** Points along a cubic Bézier from p0 to p3, in favicon units (a 32 × 32 box). */
function cubic(p0, p1, p2, p3, steps = 24) {
	return Array.from({ length: steps + 1 }, (_, i) => {
		const t = i / steps;
		const u = 1 - t;
		return [0, 1].map(
			(k) => u ** 3 * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t ** 3 * p3[k]
		);
	});
}

// The favicon: M6 28h20l-3-18H9z and M12 10c0-4 2-6 4-8 2 2 4 4 4 8.
const shapes = [
	{
		color: KILN,
		points: [
			[6, 28],
			[26, 28],
			[23, 10],
			[9, 10]
		]
	},
	{
		color: FLAME,
		points: [
			...cubic([12, 10], [12, 6], [14, 4], [16, 2]),
			...cubic([16, 2], [18, 4], [20, 6], [20, 10])
		]
	}
];

function inside([x, y], points) {
	let hit = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i];
		const [xj, yj] = points[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
	}
	return hit;
}

/** RGB pixels of a `size` icon whose drawing fills `fill` of it (maskable icons keep a margin). */
function draw(size, fill) {
	const pixels = Buffer.alloc(size * size * 3);
	const scale = (size * fill) / 28;
	const offset = (size - 28 * scale) / 2;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const sum = [0, 0, 0];
			for (const [dx, dy] of [
				[0.25, 0.25],
				[0.75, 0.25],
				[0.25, 0.75],
				[0.75, 0.75]
			]) {
				// Favicon units, with the drawing (x 4…28, y 0…28) centred.
				const point = [(x + dx - offset) / scale + 2, (y + dy - offset) / scale + 1];
				const shape = shapes.findLast(({ points }) => inside(point, points));
				const color = shape?.color ?? BACKGROUND;
				for (let k = 0; k < 3; k++) sum[k] += color[k] / 4;
			}
			sum.forEach((value, k) => (pixels[(y * size + x) * 3 + k] = Math.round(value)));
		}
	}
	return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let c = 0xffffffff;
	for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const rows = Buffer.alloc(size * (size * 3 + 1));
	for (let y = 0; y < size; y++) {
		pixels.copy(rows, y * (size * 3 + 1) + 1, y * size * 3, (y + 1) * size * 3);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const icons = [
	['icon-192.png', 192, 0.8],
	['icon-512.png', 512, 0.8],
	['apple-touch-icon.png', 180, 0.75],
	// Maskable icons may be cropped to a circle: the drawing stays inside the middle 60%.
	['maskable-512.png', 512, 0.6]
];
for (const [name, size, fill] of icons) {
	const file = new URL(`../static/icons/${name}`, import.meta.url);
	writeFileSync(file, png(size, draw(size, fill)));
	console.log(`wrote static/icons/${name}`);
}
