import { describe, expect, it } from 'vitest';
import {
	PASTE_CALL_PREFIX,
	pasteProject,
	ScriptPlayer,
	SessionBuilder,
	stripPasteCalls
} from '../../../bench/context';
import type { ModelRequest } from '../../../src/lib/providers';

function session() {
	const s = new SessionBuilder('paste', 'paste');
	s.user('Rename the pager.', 0)
		.step('Looking.', s.grep('renderPager', { output_mode: 'files' }))
		.step('Reading.', s.read('src/ui/task-view.ts'))
		.step('Renaming.', s.edit('src/ui/task-view.ts', 'renderPager(', 'renderTaskPager(', true))
		.step('Checking.', s.bash('bash scripts/check.sh task'), s.read('src/ui/task-view.ts'))
		.answer('Renamed.');
	s.user('And a new file.', 0)
		.step('Writing.', s.write('notes.md', '# Notes\n'), s.write('src/ui/task-view.ts', 'x'))
		.answer('Done.');
	return s.build();
}

describe('whole-project baseline: the script as a model holding the project plays it', () => {
	it('drops calls answered from the paste and merges steps left without calls', () => {
		const player = new ScriptPlayer(session(), { exists: (path) => path !== 'notes.md' });
		player.beginTurn(0);
		const first = player.answer('step');
		expect(first.text).toBe('Looking.\n\nReading.\n\nRenaming.');
		// The edit comes with a hidden read of its file (Kiln's edit wants it seen first).
		expect(
			first.toolCalls?.map((call) => [call.name, call.id?.startsWith(PASTE_CALL_PREFIX)])
		).toEqual([
			['read', true],
			['edit', false]
		]);
		const second = player.answer('step');
		expect(second.toolCalls?.map((call) => call.name)).toEqual(['bash']);
		expect(player.answer('step')).toMatchObject({ text: 'Renamed.', toolCalls: [] });
		expect(player.answeredFromPaste).toBe(3);

		player.beginTurn(1);
		// A new file needs no read; overwriting an existing one does.
		expect(player.answer('step').toolCalls?.map((call) => call.name)).toEqual([
			'write',
			'read',
			'write'
		]);
		expect(player.extraRequests).toBe(0);
	});

	it('plays every scripted call when nothing is pasted', () => {
		const player = new ScriptPlayer(session());
		player.beginTurn(0);
		expect(player.answer('step').toolCalls?.map((call) => call.name)).toEqual(['grep']);
		expect(player.answeredFromPaste).toBe(0);
	});

	it('never sends the hidden reads, and pastes the project in a marked block', () => {
		const hiddenId = `${PASTE_CALL_PREFIX}3_0`;
		const request: ModelRequest = {
			model: 'm',
			maxTokens: 100,
			tools: [],
			system: [
				{ text: 'system prompt', cache: {} },
				{ text: 'session context', cache: {} }
			],
			messages: [
				{ role: 'user', content: [{ type: 'text', text: 'Rename it.', cache: {} }] },
				{
					role: 'assistant',
					content: [
						{ type: 'text', text: 'Renaming.' },
						{ type: 'tool_call', id: hiddenId, name: 'read', input: { path: 'a.ts' } },
						{ type: 'tool_call', id: 'toolu_bench_3_1', name: 'edit', input: { path: 'a.ts' } }
					]
				},
				{
					role: 'user',
					content: [
						{ type: 'tool_result', toolCallId: 'toolu_bench_3_1', content: 'edited' },
						{ type: 'tool_result', toolCallId: hiddenId, content: 'file text', cache: {} }
					]
				}
			]
		};
		const stripped = stripPasteCalls(request);
		expect(JSON.stringify(stripped)).not.toContain(PASTE_CALL_PREFIX);
		// The marker of the dropped result moved to what is left of its message.
		expect(stripped.messages[2]!.content).toEqual([
			{ type: 'tool_result', toolCallId: 'toolu_bench_3_1', content: 'edited', cache: {} }
		]);

		const pasted = pasteProject(request, [['a.ts', 'export const a = 1;\n']]);
		expect(pasted.system.map((block) => block.cache !== undefined)).toEqual([false, true, true]);
		expect(pasted.system.at(-1)!.text).toContain('## a.ts');
		const markers = JSON.stringify(pasted).split('"cache":{}').length - 1;
		expect(markers).toBeLessThanOrEqual(4);
	});
});
