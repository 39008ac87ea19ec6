import type {
	PermissionAnswer,
	PermissionPrompt,
	PermissionPrompter
} from '../../agent/permissions';

/**
 * Calls waiting for the person's "Allow", "Always allow" or "Deny" in the chat. The agent
 * awaits `ask`; the chat renders `pending` and calls `answer`. Stop (the turn's signal) and
 * leaving the chat resolve what is still waiting as denied, so no turn hangs on a prompt
 * nobody can see.
 */
export class PermissionPrompts {
	pending = $state.raw<readonly PermissionPrompt[]>([]);

	// Bookkeeping only: the UI reads `pending`, never this map.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#resolvers = new Map<string, (answer: PermissionAnswer) => void>();

	readonly ask: PermissionPrompter = (prompt, signal) =>
		new Promise<PermissionAnswer>((resolve) => {
			if (signal.aborted) {
				resolve('deny');
				return;
			}
			const onAbort = () => this.answer(prompt.toolCallId, 'deny');
			signal.addEventListener('abort', onAbort, { once: true });
			this.#resolvers.set(prompt.toolCallId, (answer) => {
				signal.removeEventListener('abort', onAbort);
				resolve(answer);
			});
			this.pending = [...this.pending, prompt];
		});

	/** Resolves a waiting prompt; false when none waits under this id (answered already). */
	answer(toolCallId: string, answer: PermissionAnswer): boolean {
		const resolve = this.#resolvers.get(toolCallId);
		if (!resolve) return false;
		this.#resolvers.delete(toolCallId);
		this.pending = this.pending.filter((prompt) => prompt.toolCallId !== toolCallId);
		resolve(answer);
		return true;
	}

	/** Denies everything still waiting (the chat is closing or switching sessions). */
	denyAll(): void {
		for (const prompt of this.pending) this.answer(prompt.toolCallId, 'deny');
	}
}
