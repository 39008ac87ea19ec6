import { describe, expect, it } from 'vitest';
import { IdePreview } from '../../../../src/lib/components/ide/ide-preview.svelte';
import type { ProjectSession } from '../../../../src/lib/state';
import { applyPreviewEvent, type OpenServer } from '../../../../src/lib/state/open-servers';
import type { PreviewEvent, ProcessInfo } from '../../../../src/lib/runtime';

function filesWith(paths: Record<string, string>) {
	return {
		exists: (path: string) => path in paths,
		isDirectory: () => false,
		peekText: (path: string) => paths[path],
		readBytes: async (path: string) => new TextEncoder().encode(paths[path]),
		subscribe: () => () => {}
	};
}

const offlineSession = {
	openServers: [],
	runtime: { capabilities: { preview: 'static', node: false } }
} as unknown as ProjectSession;

describe('the IDE preview message', () => {
	it('says the preview is starting, not that index.html is missing, while the worker is reached', () => {
		const preview = new IdePreview(offlineSession);
		preview.follow(filesWith({ 'index.html': '<h1>Hi</h1>' }));
		expect(preview.emptyMessage).toBe('Starting the preview…');
		expect(preview.url).toBeNull();
	});

	it('asks for an index.html when there is none', () => {
		const preview = new IdePreview(offlineSession);
		preview.follow(filesWith({ 'main.js': '' }));
		expect(preview.emptyMessage).toMatch(/add an index\.html/);
	});
});

/** WebContainer's URLs carry the port in the host name, never as `:port`. */
const wcUrl = (port: number) =>
	`https://k03e2io1--${port}--1b4252dd.local-credentialless.webcontainer-api.io`;

function serversAfter(events: PreviewEvent[]): readonly OpenServer[] {
	return events.reduce(applyPreviewEvent, [] as readonly OpenServer[]);
}

function serverSession(openServers: readonly OpenServer[]): ProjectSession {
	return {
		openServers,
		runtime: { capabilities: { preview: 'server', node: true } }
	} as unknown as ProjectSession;
}

function processServing(url: string, status: ProcessInfo['status']): ProcessInfo {
	return {
		id: 'bash_1',
		command: 'npm run dev',
		startedBy: 'agent',
		foreground: false,
		startedAt: 0,
		status,
		url,
		...(status === 'exited' ? { exitCode: 1, endedAt: 5 } : {})
	};
}

describe('the dev servers the preview shows', () => {
	it('closes a WebContainer server by its port, though its URL has no :port', () => {
		const servers = serversAfter([
			{ type: 'ready', port: 5173, url: wcUrl(5173) },
			{ type: 'closed', port: 5173 }
		]);
		expect(servers).toEqual([]);
		expect(new IdePreview(serverSession(servers)).url).toBeNull();
	});

	it('falls back to the server before when the newest closes, and a re-announced one goes last', () => {
		const both = serversAfter([
			{ type: 'ready', port: 5173, url: wcUrl(5173) },
			{ type: 'ready', port: 3000, url: wcUrl(3000) }
		]);
		expect(new IdePreview(serverSession(both)).url).toBe(wcUrl(3000));
		const closed = applyPreviewEvent(both, { type: 'closed', port: 3000 });
		expect(new IdePreview(serverSession(closed)).url).toBe(wcUrl(5173));
		const again = applyPreviewEvent(both, { type: 'ready', port: 5173, url: wcUrl(5173) });
		expect(again.map((server) => server.port)).toEqual([3000, 5173]);
	});

	it('puts the server in the address bar and names its process in the notice', () => {
		const preview = new IdePreview(
			serverSession(serversAfter([{ type: 'ready', port: 5173, url: wcUrl(5173) }]))
		);
		expect(preview.server).toEqual({ label: 'localhost:5173', url: wcUrl(5173) });
		expect(preview.notice).toBe('Dev server on port 5173');
		preview.processes.items = [processServing(wcUrl(5173), 'running')];
		expect(preview.notice).toBe('Dev server bash_1 (npm run dev) on port 5173');
	});

	it('stops showing a server whose process ended before the port closed, and says so', () => {
		const preview = new IdePreview(
			serverSession(serversAfter([{ type: 'ready', port: 5173, url: wcUrl(5173) }]))
		);
		preview.processes.items = [processServing(wcUrl(5173), 'exited')];
		expect(preview.url).toBeNull();
		expect(preview.server).toBeNull();
		expect(preview.emptyMessage).toMatch(
			/^The dev server bash_1 \(npm run dev\) .*so its page is gone/
		);
	});
});
