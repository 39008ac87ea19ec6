import { describe, expect, it } from 'vitest';
import { IdePreview } from '../../../../src/lib/components/ide/ide-preview.svelte';
import type { ProjectSession } from '../../../../src/lib/state';

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
	serverPreviewUrl: null,
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
