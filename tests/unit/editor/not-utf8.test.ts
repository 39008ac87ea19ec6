import { describe, expect, it } from 'vitest';
import { EditorSession } from '$lib/editor';
import { MemoryWorkspace } from './memory-workspace';

describe('EditorSession: text that is not UTF-8 throughout', () => {
	it('opens read-only and never saves the decoded text over the original bytes', async () => {
		const bytes = new Uint8Array([
			...new TextEncoder().encode('a'.repeat(9000) + '\n'),
			0xff,
			...new TextEncoder().encode('\nend\n')
		]);
		const workspace = new MemoryWorkspace({ 'late.txt': bytes });
		const session = new EditorSession(workspace, { colorScheme: 'dark' });
		await session.open('late.txt');
		expect(session.active).toMatchObject({
			status: 'text',
			readOnly: true,
			readOnlyReason: 'not-utf8'
		});
		expect(session.getState('late.txt')!.readOnly).toBe(true);
		expect(await session.save('late.txt')).toBe(false);
		expect(workspace.writes).toEqual([]);
		session.dispose();
	});

	it('keeps valid UTF-8 editable', async () => {
		const workspace = new MemoryWorkspace({ 'ok.txt': 'café\n' });
		const session = new EditorSession(workspace, { colorScheme: 'dark' });
		await session.open('ok.txt');
		expect(session.active).toMatchObject({ readOnly: false });
		session.dispose();
	});
});
