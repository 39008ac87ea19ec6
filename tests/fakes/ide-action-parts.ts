import {
	ActionRegistry,
	type IdeAction
} from '../../src/lib/components/ide/action-registry.svelte';
import { ideActions, type IdeActionParts } from '../../src/lib/components/ide/ide-actions';
import { IdeDialogState } from '../../src/lib/components/ide/ide-dialogs.svelte';
import { SideView, type TreeCommands } from '../../src/lib/components/ide/side-view.svelte';
import type { EditorSession } from '../../src/lib/editor';
import type { ChatSession } from '../../src/lib/state/chat';

export interface FakeIdeOptions {
	/** The agent is running a turn. */
	running?: boolean;
	/** Another tab owns the project. */
	readOnly?: boolean;
	/** The file the editor shows (default index.html); null for none. */
	active?: string | null;
}

/** The IDE's actions over stand-ins for its parts, recording what they were asked to do. */
export function ideActionsOverFakes(options: FakeIdeOptions = {}) {
	const calls: string[] = [];
	const side = new SideView();
	const tree: TreeCommands & { selection: string | null } = {
		selection: null,
		newFile: () => calls.push('tree.newFile'),
		selected: () => tree.selection,
		rename: (path) => calls.push(`tree.rename ${path}`),
		askDelete: (path) => calls.push(`tree.askDelete ${path}`)
	};
	side.tree = tree;
	const active = options.active === undefined ? 'index.html' : options.active;
	const editor = {
		activePath: active,
		active: active === null ? undefined : { path: active, status: 'text', dirty: false },
		find: ({ replace }: { replace?: boolean }) =>
			calls.push(replace ? 'editor.replace' : 'editor.find'),
		close: async (path: string) => calls.push(`editor.close ${path}`),
		save: async () => calls.push('editor.save')
	};
	const chat = {
		running: options.running ?? false,
		stop: () => calls.push('chat.stop'),
		newSession: () => calls.push('chat.newSession')
	};
	const revealed: string[] = [];
	const parts: IdeActionParts = {
		dialogs: new IdeDialogState(),
		side,
		chat: () => chat as unknown as ChatSession,
		review: () => null,
		editor: () => editor as unknown as EditorSession,
		terminal: () => ({
			focus: () => calls.push('terminal.focus'),
			focusProcesses: () => calls.push('processes.focus')
		}),
		reveal: (panel) => revealed.push(panel),
		quickOpen: () => calls.push('quickOpen'),
		toggleChanges: () => calls.push('toggleChanges'),
		exportProject: () => calls.push('export'),
		readOnly: () => options.readOnly ?? false
	};
	const registry = new ActionRegistry();
	registry.register(...ideActions(parts));
	const get = (id: string): IdeAction => {
		const found = registry.get(id);
		if (!found) throw new Error(`no action ${id}`);
		return found;
	};
	return { registry, get, calls, revealed, tree };
}
