import { afterEach, describe, expect, it } from 'vitest';
import { askClients, pickClients } from '../../../src/lib/preview/ask-clients';
import { installPreviewResponder, type MessageSource } from '../../../src/lib/preview/responder';
import { fakeTab } from './fake-tab';

const origin = 'http://localhost:5173';
const tabs: { uninstall(): void }[] = [];
function tab(...args: Parameters<typeof fakeTab>) {
	const created = fakeTab(...args);
	tabs.push(created);
	return created;
}
afterEach(() => {
	for (const created of tabs.splice(0)) created.uninstall();
});

describe('pickClients', () => {
	it('asks only host pages, those of the project first, and never previews', () => {
		const ide = tab(`${origin}/__kiln/host.html?project=p1`);
		const other = tab(`${origin}/__kiln/host.html?project=p2`);
		const preview = tab(`${origin}/preview/p1/`);
		const stray = tab(`${origin}/somewhere/else?project=p1`);
		expect(pickClients([preview, other, ide, stray], 'p1')).toEqual([ide]);
		expect(pickClients([preview, other, stray], 'p1')).toEqual([other]);
		expect(pickClients([preview, stray], 'p1')).toEqual([]);
	});
});

describe('askClients with the real responder', () => {
	it('gets the file bytes from the tab that has the project', async () => {
		const ide = tab(`${origin}/__kiln/host.html?project=p1`, {
			projectId: 'p1',
			files: { 'index.html': '<h1>Hi</h1>' }
		});
		const answer = await askClients([ide], { projectId: 'p1', path: 'index.html' }, 2000);
		expect(answer.status).toBe(200);
		expect(answer.status === 200 && new TextDecoder().decode(answer.body)).toBe('<h1>Hi</h1>');
		expect(ide.received).toEqual([
			expect.objectContaining({ type: 'kiln:preview-request', projectId: 'p1', path: 'index.html' })
		]);
	});

	it('answers 404 for a missing file', async () => {
		const ide = tab(`${origin}/__kiln/host.html?project=p1`, { projectId: 'p1', files: {} });
		expect(await askClients([ide], { projectId: 'p1', path: 'nope.js' }, 2000)).toEqual({
			status: 404
		});
	});

	it('concludes "not open" at once when every tab shows another project', async () => {
		const a = tab(`${origin}/__kiln/host.html?project=p2`, { projectId: 'p2', files: {} });
		const b = tab(`${origin}/__kiln/host.html?project=p3`, { projectId: 'p3', files: {} });
		expect(await askClients([a, b], { projectId: 'p1', path: 'index.html' }, 60_000)).toEqual({
			status: 503
		});
	});

	it('lets a 200 from one tab win over others', async () => {
		const other = tab(`${origin}/`, { projectId: 'p2', files: { 'index.html': 'wrong' } });
		const ide = tab(`${origin}/`, { projectId: 'p1', files: { 'index.html': 'right' } });
		const answer = await askClients([other, ide], { projectId: 'p1', path: 'index.html' }, 2000);
		expect(answer.status === 200 && new TextDecoder().decode(answer.body)).toBe('right');
	});

	it('reports a read failure with its reason', async () => {
		const source = new EventTarget() as EventTarget & MessageSource;
		const stop = installPreviewResponder({
			projectId: 'p1',
			source,
			readFile: () => Promise.reject(new Error('store is closed'))
		});
		const client = {
			url: `${origin}/__kiln/host.html?project=p1`,
			postMessage(message: unknown, transfer: Transferable[]) {
				source.dispatchEvent(
					new MessageEvent('message', { data: message, ports: transfer as MessagePort[] })
				);
			}
		};
		expect(await askClients([client], { projectId: 'p1', path: 'a' }, 2000)).toEqual({
			status: 500,
			message: 'store is closed'
		});
		stop();
	});

	it('times out with 504 when no tab answers', async () => {
		const silent = tab(`${origin}/__kiln/host.html?project=p1`); // no responder installed
		expect(await askClients([silent], { projectId: 'p1', path: 'index.html' }, 30)).toEqual({
			status: 504
		});
	});

	it('answers 503 without waiting when there is no tab at all', async () => {
		expect(await askClients([], { projectId: 'p1', path: 'index.html' }, 60_000)).toEqual({
			status: 503
		});
	});

	it('stops answering once uninstalled', async () => {
		const ide = fakeTab(`${origin}/__kiln/host.html?project=p1`, {
			projectId: 'p1',
			files: { 'index.html': 'x' }
		});
		ide.uninstall();
		expect(await askClients([ide], { projectId: 'p1', path: 'index.html' }, 30)).toEqual({
			status: 504
		});
	});
});
