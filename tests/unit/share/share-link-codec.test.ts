import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	decodeShareFragment,
	encodeShareFragment,
	ShareLinkError,
	type SharedProject
} from '../../../src/lib/share';
import { toBase64Url } from '../../../src/lib/share/share-link-base64';
import { packProject } from '../../../src/lib/share/share-link-container';

const text = (s: string) => new TextEncoder().encode(s);

function sample(): SharedProject {
	const binary = new Uint8Array(3000);
	for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + 13) % 256;
	return {
		name: 'Späť ✓ project',
		template: 'static-site',
		files: {
			'index.html': text('<!doctype html>\n<h1>Hello</h1>\n'),
			'assets/logo.png': binary,
			'docs/日本語/ファイル 名.md': text('# 見出し\n\nemoji 🎉 and RTL שלום\n'),
			'empty.txt': new Uint8Array(0),
			__proto__: text('a file with an awkward name'),
			'invalid-utf8.bin': new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28])
		},
		dirs: ['empty-folder', 'nested/also empty'],
		conversation: JSON.stringify({
			format: 'kiln-session',
			version: 1,
			title: 'Make a page',
			createdAt: 1,
			events: [{ type: 'user', text: 'ünïcödé 🎉' }]
		})
	};
}

async function problemOf(fragment: string) {
	try {
		await decodeShareFragment(fragment);
	} catch (error) {
		expect(error).toBeInstanceOf(ShareLinkError);
		return error as ShareLinkError;
	}
	throw new Error('decoded without an error');
}

/** A fragment with any packed bytes inside, declaring `size` as its decoded length. */
function forge(packed: Uint8Array, deflated: Uint8Array, size = packed.length) {
	const body = new Uint8Array(12 + deflated.length);
	new DataView(body.buffer).setUint32(0, size);
	body.set(deflated, 12);
	const payload = toBase64Url(body);
	return `v1.${payload.length}.${payload}`;
}

describe('share link codec', () => {
	it('round-trips files (text, bytes, unicode paths, empty), folders and the conversation byte for byte', async () => {
		const project = sample();
		const fragment = await encodeShareFragment(project);
		expect(fragment).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]+$/);
		const back = await decodeShareFragment('#' + fragment);
		expect(back.name).toBe(project.name);
		expect(back.template).toBe('static-site');
		expect(Object.keys(back.files)).toEqual(Object.keys(project.files));
		for (const [path, bytes] of Object.entries(project.files)) {
			expect(Object.hasOwn(back.files, path)).toBe(true);
			expect(Array.from(back.files[path]!)).toEqual(Array.from(bytes));
		}
		expect(Object.getPrototypeOf(back.files)).toBe(Object.prototype);
		expect(back.dirs).toEqual(project.dirs);
		expect(back.conversation).toBe(project.conversation);
	});

	it('leaves the conversation out when none is given', async () => {
		const { conversation: _, ...withoutChat } = sample();
		const back = await decodeShareFragment(await encodeShareFragment(withoutChat));
		expect(back.conversation).toBeUndefined();
	});

	it('says a link cut anywhere is incomplete, never decodes a part of it', async () => {
		const fragment = await encodeShareFragment(sample());
		const cuts = new Set([0, 1, 2, 3, 5, 8, 20, fragment.length - 1]);
		for (let i = 0; i < 25; i++) cuts.add(Math.floor((fragment.length * i) / 25));
		for (const cut of cuts) {
			const part = fragment.slice(0, cut);
			if (part === '') continue;
			const error = await problemOf(part);
			expect(error.problem, `cut at ${cut}`).toBe('truncated');
			expect(error.message).toMatch(/incomplete.*Ask the sender for the whole link/);
		}
		const half = await problemOf(fragment.slice(0, 200));
		const declared = fragment.split('.')[1];
		expect(half.message).toContain(
			`of its ${Number(declared).toLocaleString('en-US')} characters arrived`
		);
	});

	it('says a changed link is damaged, wherever the change is', async () => {
		const fragment = await encodeShareFragment(sample());
		const start = fragment.indexOf('.', 3) + 1;
		// The first 16 characters after the count are the declared size and checksum.
		for (const at of [
			start + 2,
			start,
			start + 5,
			start + 16,
			start + 40,
			Math.floor(fragment.length / 2),
			fragment.length - 2
		]) {
			const swapped = fragment[at] === 'A' ? 'B' : 'A';
			const changed = fragment.slice(0, at) + swapped + fragment.slice(at + 1);
			const error = await problemOf(changed);
			// A changed size may claim more than a link may hold: refused as too large, also fine.
			expect(['corrupted', 'too-large'], `changed at ${at}`).toContain(error.problem);
			expect(error.message).toMatch(/(damaged|refused).*exported zip/);
		}
		expect((await problemOf(fragment + 'AAAA')).problem).toBe('corrupted');
		expect((await problemOf('hello')).problem).toBe('corrupted');
		expect((await problemOf('v1.12.ab$cdefghijkl')).problem).toBe('corrupted');
		expect((await problemOf('v9.10.AAAAAAAAAA')).problem).toBe('unsupported-version');
	});

	it('ignores punctuation a sentence or an autolinker leaves after the link', async () => {
		const fragment = await encodeShareFragment(sample());
		const back = await decodeShareFragment(fragment + ').');
		expect(back.name).toBe(sample().name);
	});

	it('refuses a decompression bomb while inflating, whatever size it declares', async () => {
		const bomb = new Uint8Array(40 * 1024 * 1024);
		const deflated = deflateSync(bomb, { level: 1 });
		// Declares a plausible size: inflating stops as soon as the output passes it.
		const lying = await problemOf(forge(bomb.subarray(0, 1000), deflated, 1000));
		expect(lying.problem).toBe('corrupted');
		// Declares its real size: refused before inflating anything.
		const honest = await problemOf(forge(bomb, deflated));
		expect(honest.problem).toBe('too-large');
		expect(honest.message).toContain('40.0 MB');
	});

	it('refuses path escapes, absolute paths and too many files, even with a valid checksum', async () => {
		for (const path of [
			'../outside.txt',
			'/etc/passwd',
			'a/../../b',
			'C:/x',
			'a\\b',
			'a//b',
			'./a'
		]) {
			const project = { ...sample(), files: { [path]: text('x') } };
			const error = await problemOf(await encodeShareFragment(project));
			expect(error.problem, path).toBe('unsafe');
			expect(error.message).toMatch(/refused/);
		}
		const fileAndFolder = { ...sample(), files: { a: text('x'), 'a/b': text('y') } };
		expect((await problemOf(await encodeShareFragment(fileAndFolder))).problem).toBe('unsafe');
		const many = Object.fromEntries(
			Array.from({ length: 5001 }, (_, i) => [`f${i}`, new Uint8Array(0)])
		);
		const crowd = await problemOf(await encodeShareFragment({ ...sample(), files: many }));
		expect(crowd.problem).toBe('too-large');
	});

	it('refuses to make a link for more than a link may hold', async () => {
		const huge = { ...sample(), files: { big: new Uint8Array(33 * 1024 * 1024) } };
		await expect(encodeShareFragment(huge)).rejects.toThrow(/Export it as a zip/);
	});

	it('checks the packed contents add up (a forged header is refused)', async () => {
		const packed = packProject(sample());
		const cut = packed.subarray(0, packed.length - 10);
		const error = await problemOf(forge(cut, deflateSync(cut)));
		// The checksum of a forged link is not the packed bytes' own.
		expect(error.problem).toBe('corrupted');
	});
});
