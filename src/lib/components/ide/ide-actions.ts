import { tick } from 'svelte';
import type { EditorSession } from '$lib/editor';
import type { ChangeReview } from '$lib/state/changes';
import type { ChatSession } from '$lib/state/chat';
import type { IdeAction } from './action-registry.svelte';
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
	terminal(): { focus(): void } | undefined;
	/** Shows a panel on a narrow window, where panes are tabs (nothing on a wide one). */
	reveal(panel: PanelId): void;
	quickOpen(): void;
	toggleChanges(): void;
	exportProject(): void;
	/** Another tab owns the project: nothing here may change it. */
	readOnly(): boolean;
}

/** The actions the IDE itself offers, with their keys (see action-registry.svelte.ts). */
export function ideActions(parts: IdeActionParts): IdeAction[] {
	const { dialogs, side } = parts;
	const writable = () => !parts.readOnly();
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
			keyHandledBy: 'the editor',
			enabled: () => writable() && (parts.editor()?.active?.dirty ?? false),
			run: () => void parts.editor()?.save()
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
			enabled: writable,
			run: () => {
				parts.reveal('files');
				// On a narrow window the file column mounts only once its tab is shown.
				void tick().then(() => side.newFile?.());
			}
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
			id: 'changes.toggle',
			title: 'Show or hide the agent’s changes',
			enabled: () => parts.review() !== null,
			run: parts.toggleChanges
		},
		{
			id: 'chat.new',
			title: 'New chat',
			enabled: () => writable() && parts.chat() !== null && !parts.chat()?.running,
			run: () => {
				parts.reveal('chat');
				parts.chat()?.newSession();
			}
		},
		{
			id: 'agent.stop',
			title: 'Stop the agent',
			enabled: () => parts.chat()?.running ?? false,
			run: () => parts.chat()?.stop()
		},
		{ id: 'project.export', title: 'Export the project', run: parts.exportProject },
		{ id: 'project.share', title: 'Share the project', run: () => dialogs.openShare() },
		{ id: 'settings.open', title: 'Open Settings', run: () => dialogs.openSettings() }
	];
}
