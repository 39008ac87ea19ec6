/**
 * The IDE's actions: one list that the command palette (Ctrl/Cmd+Shift+P) shows and that the
 * page's keyboard shortcuts run from. This is the single place where IDE-level key bindings are
 * declared: a part of the IDE that wants a command registers it in one line, and its key works
 * and shows in the palette at once:
 *
 *     actions.register({ id: 'preview.reload', title: 'Reload the preview', key: 'Mod+Alt+R', run: () => …});
 *
 * `key` is written as "Mod+Shift+F": Mod is Cmd on macOS and Ctrl elsewhere; the last part is
 * the key as KeyboardEvent.key names it (a letter, "`", "Enter", "F2"…). A binding with
 * `keyHandledBy` is only shown: the focused part handles it (the editor's Mod+S saves the text
 * it holds, with its own conflict questions; the tree's F2 renames the row it has focused), and
 * the palette runs the action on what that part has selected.
 */
export interface IdeAction {
	/** Stable, dotted: "search.show", "chat.new". */
	readonly id: string;
	/** What the palette lists, as a command: "Search across files". */
	readonly title: string;
	readonly key?: string;
	/**
	 * Where the key is handled instead of the page (it is then only shown), as the palette says
	 * it after the key: "in the file tree".
	 */
	readonly keyHandledBy?: string;
	run(): void;
	/**
	 * Why the action cannot run now, or null when it can: the palette shows it dimmed with this
	 * reason, and its key does nothing.
	 */
	unavailable?(): string | null;
}

/** Whether the action can run now. */
export function canRun(action: IdeAction): boolean {
	return (action.unavailable?.() ?? null) === null;
}

export interface KeyChord {
	readonly mod: boolean;
	readonly shift: boolean;
	readonly alt: boolean;
	readonly key: string;
}

export function parseKey(binding: string): KeyChord {
	const parts = binding.split('+');
	// "Mod++" would be a plus key: the last part is the key even when it is empty after a split.
	const key = binding.endsWith('++') ? '+' : (parts.pop() ?? '');
	const mods = parts.map((part) => part.toLowerCase());
	return {
		mod: mods.includes('mod'),
		shift: mods.includes('shift'),
		alt: mods.includes('alt'),
		key
	};
}

export function matchesKey(binding: string, event: KeyboardEvent): boolean {
	const chord = parseKey(binding);
	const mod = event.ctrlKey || event.metaKey;
	if (chord.mod !== mod || chord.shift !== event.shiftKey || chord.alt !== event.altKey) {
		return false;
	}
	// With Shift held, a letter arrives upper-case; "`" stays "`" on most layouts.
	return event.key.toLowerCase() === chord.key.toLowerCase();
}

/** "Mod+Shift+P" as this platform writes it: "Ctrl+Shift+P", or "⌘⇧P" on macOS. */
export function keyLabel(binding: string, mac: boolean): string {
	const chord = parseKey(binding);
	const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
	if (mac) return `${chord.mod ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${key}`;
	return [chord.mod && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', key]
		.filter(Boolean)
		.join('+');
}

export function isMac(): boolean {
	return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

export class ActionRegistry {
	#actions = $state.raw<readonly IdeAction[]>([]);

	/** Every action, in the order registered. */
	get list(): readonly IdeAction[] {
		return this.#actions;
	}

	/** Adds actions (one with an id already listed replaces it); returns their removal. */
	register(...actions: IdeAction[]): () => void {
		const ids = actions.map((action) => action.id);
		this.#actions = [...this.#actions.filter((action) => !ids.includes(action.id)), ...actions];
		return () => {
			this.#actions = this.#actions.filter((action) => !actions.includes(action));
		};
	}

	get(id: string): IdeAction | undefined {
		return this.#actions.find((action) => action.id === id);
	}

	/** Runs the action bound to this key, if any and it can run; true when the key was taken. */
	handleKey(event: KeyboardEvent): boolean {
		if (event.defaultPrevented) return false;
		const action = this.#actions.find(
			(candidate) =>
				candidate.key !== undefined &&
				candidate.keyHandledBy === undefined &&
				matchesKey(candidate.key, event)
		);
		if (!action) return false;
		event.preventDefault();
		// Before the focused part sees it: the editor would open its own find on Mod+Shift+F.
		event.stopPropagation();
		if (canRun(action)) action.run();
		return true;
	}

	/**
	 * Listens for the bindings on the window, in the capture phase so a focused editor or
	 * terminal does not take the IDE's keys first; returns the stop.
	 */
	listen(target: Window): () => void {
		const onKeydown = (event: KeyboardEvent) => void this.handleKey(event);
		target.addEventListener('keydown', onKeydown, { capture: true });
		return () => target.removeEventListener('keydown', onKeydown, { capture: true });
	}
}
