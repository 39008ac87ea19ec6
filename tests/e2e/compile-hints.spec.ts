/**
 * The compile hint (tooling/compile-hints.ts) as `npm start` serves the build: on the first line
 * of the terminal's chunk, in the compressed copy a browser gets, and on no other chunk.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './model-server';
import { BUNDLE_REPORT_PATH, type ReportedChunk } from '../../tooling/bundle-report';
import { COMPILE_HINT } from '../../tooling/compile-hints';

const chunks: ReportedChunk[] = JSON.parse(readFileSync(BUNDLE_REPORT_PATH, 'utf8'));
const holdsXterm = (chunk: ReportedChunk) =>
	chunk.modules.some((module) => module.owner === '@xterm/xterm');

test("xterm's chunk is served with V8's compile hint on its first line", async ({ request }) => {
	const terminal = chunks.filter(holdsXterm);
	expect(terminal).toHaveLength(1);
	const response = await request.get(`/${terminal[0]!.fileName}`, {
		headers: { 'accept-encoding': 'br, gzip' }
	});
	expect(response.headers()['content-encoding']).toBe('br');
	const text = await response.text();
	expect(text.split('\n')[0]).toBe(COMPILE_HINT);
	expect(text).toContain('xterm-helper-textarea');
});

test('no other chunk carries the hint: compiling all of it at once would cost more', async ({
	request
}) => {
	const others = chunks.filter((chunk) => !holdsXterm(chunk));
	expect(others.length).toBeGreaterThan(10);
	for (const chunk of others) {
		const text = await (await request.get(`/${chunk.fileName}`)).text();
		expect(text.startsWith(COMPILE_HINT), chunk.fileName).toBe(false);
	}
});
