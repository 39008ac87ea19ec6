import { tick } from 'svelte';
import type { EditorSession } from '$lib/editor';
import type { ChangeReview } from '$lib/state/changes';
import type { ChatSession } from '$lib/state/chat';
import { isMac, type IdeAction } from './action-registry.svelte';
import type { IdeDialogState } from './ide-dialogs.svelte';
import type { PanelId } from './NarrowTabs.svelte';
import type { SideView } from './side-view.svelte';

/** The parts of the IDE its actions drive, read when an action runs (they load over time). */
export interface IdeActionParts {
	dialogs: IdeDialogState;
	side: SideView;
	chat(): ChatSession | null;
	review(): ChangeReview | null;
	editor(): EditorSession | null;
	terminal(): { focus(): void; focusProcesses(): void } | undefined;
	/** Shows a panel on a narrow window, where panes are tabs (nothing on a wide one). */
	reveal(panel: PanelId): void;
	quickOpen(): void;
	toggleChanges(): void;
	exportProject(): void;
	/** Another tab owns the project: nothing here may change it. */
	readOnly(): boolean;
}

const READ_ONLY = 'This project is open in another tab: Take over to change it here.';
const NO_TEXT_FILE = 'Open a text file first.';

/** The first reason whose condition holds, or null: an action's `unavailable`. */
function firstReason(...checks: readonly (readonly [boolean, string])[]): string | null {
	return checks.find(([holds]) => holds)?.[1] ?? null;
}

/**
 * The actions the IDE itself offers, with their keys (see action-registry.svelte.ts). Every key a
 * person can press for an IDE-level action is listed here, including those a focused part handles
 * (the tree's F2, the chat's Escape), so the palette shows them and runs each one from anywhere.
 */
export function ideActions(parts: IdeActionParts): IdeAction[] {
	const { dialogs, side } = parts;
	const writable = () => !parts.readOnly();
	/** What the tree's commands act on: the row selected there, else the file being edited. */
	const treeTarget = () => side.tree?.selected() ?? parts.editor()?.activePath ?? null;
	const unlessTreeTarget = () =>
		firstReason(
			[!writable(), READ_ONLY],
			[treeTarget() === null, 'Select a file in the tree first.']
		);
	/** Runs a tree command on the target, once the file column shows (a narrow window's tab). */
	const onTreeTarget = (run: (path: string) => void) => () => {
		const path = treeTarget();
		if (path === null) return;
		parts.reveal('files');
		void tick().then(() => run(path));
	};
	const hasTextFile = () => parts.editor()?.active?.status === 'text';
	const find = (replace: boolean) => () => {
		parts.reveal('editor');
		void tick().then(() => parts.editor()?.find({ replace }));
	};
	return [
		{
			id: 'palette.show',
			title: 'Show all commands',
			key: 'Mod+Shift+P',
			run: () => dialogs.openPalette()
		},
		{ id: 'file.quickOpen', title: 'Open file by name', key: 'Mod+P', run: parts.quickOpen },
		{
			id: 'file.save',
			title: 'Save the file',
			key: 'Mod+S',
			keyHandledBy: 'in the editor',
			unavailable: () =>
				firstReason(
					[!writable(), READ_ONLY],
					[!parts.editor()?.active, 'Open a file first.'],
					[!parts.editor()?.active?.dirty, 'The file has no unsaved changes.']
				),
			run: () => void parts.editor()?.save()
		},
		{
			id: 'editor.find',
			title: 'Find in the file',
			key: 'Mod+F',
			keyHandledBy: 'in the editor',
			unavailable: () => (hasTextFile() ? null : NO_TEXT_FILE),
			run: find(false)
		},
		{
			id: 'editor.replace',
			title: 'Replace in the file',
			// As in VS Code: Cmd+H hides the window on macOS, so Cmd+Alt+F replaces there.
			key: isMac() ? 'Mod+Alt+F' : 'Mod+H',
			keyHandledBy: 'in the editor',
			unavailable: () => (hasTextFile() ? null : NO_TEXT_FILE),
			run: find(true)
		},
		{
			id: 'editor.close',
			title: 'Close the file',
			key: 'Delete',
			keyHandledBy: 'on an editor tab',
			unavailable: () => (parts.editor()?.activePath ? null : 'No file is open.'),
			run: () => {
				const editor = parts.editor();
				if (editor?.activePath) void editor.close(editor.activePath);
			}
		},
		{
			id: 'search.show',
			title: 'Search across files',
			key: 'Mod+Shift+F',
			run: () => {
				parts.reveal('files');
				side.showSearch();
			}
		},
		{
			id: 'file.new',
			title: 'New file',
			unavailable: () => (writable() ? null : READ_ONLY),
			run: () => {
				parts.reveal('files');
				// Revealing the files may mount the tree (it loads after the shell paints): a tick later.
				void tick().then(() => side.tree?.newFile());
			}
		},
		{
			id: 'file.rename',
			title: 'Rename the selected file or folder',
			key: 'F2',
			keyHandledBy: 'in the file tree',
			unavailable: unlessTreeTarget,
			run: onTreeTarget((path) => side.tree?.rename(path))
		},
		{
			id: 'file.delete',
			title: 'Delete the selected file or folder',
			key: 'Delete',
			keyHandledBy: 'in the file tree',
			unavailable: unlessTreeTarget,
			run: onTreeTarget((path) => side.tree?.askDelete(path))
		},
		{
			id: 'files.show',
			title: 'Show the file tree',
			run: () => {
				parts.reveal('files');
				side.view = 'files';
			}
		},
		{
			id: 'terminal.focus',
			title: 'Focus the terminal',
			key: 'Mod+`',
			run: () => {
				parts.reveal('terminal');
				parts.terminal()?.focus();
			}
		},
		{
			id: 'processes.show',
			title: 'Show the processes',
			run: () => {
				parts.reveal('terminal');
				parts.terminal()?.focusProcesses();
			}
		},
		{
			id: 'changes.toggle',
			title: 'Show or hide the agent’s changes',
			unavailable: () => (parts.review() ? null : 'The project is still opening.'),
			run: parts.toggleChanges
		},
		{
			id: 'chat.new',
			title: 'New chat',
			unavailable: () =>
				firstReason(
					[!writable(), READ_ONLY],
					[!parts.chat(), 'The chat is still loading.'],
					[parts.chat()?.running ?? false, 'Wait for the agent’s turn to end, or stop it.']
				),
			run: () => {
				parts.reveal('chat');
				parts.chat()?.newSession();
			}
		},
		{
			id: 'agent.stop',
			title: 'Stop the agent',
			key: 'Escape',
			keyHandledBy: 'in the chat',
			unavailable: () => (parts.chat()?.running ? null : 'The agent is not running.'),
			run: () => parts.chat()?.stop()
		},
		{ id: 'project.export', title: 'Export the project', run: parts.exportProject },
		{ id: 'project.share', title: 'Share the project', run: () => dialogs.openShare() },
		{ id: 'settings.open', title: 'Open Settings', run: () => dialogs.openSettings() }
	];
}
