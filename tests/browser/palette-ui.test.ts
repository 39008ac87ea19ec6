/**
 * The command palette over the IDE's real action list: every action that has a key shows it,
 * with where it is handled when a focused part handles it, and one that cannot run says why.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import CommandPalette from '../../src/lib/components/ide/CommandPalette.svelte';
import { isMac, keyLabel } from '../../src/lib/components/ide/action-registry.svelte';
import { ideActionsOverFakes } from '../fakes/ide-action-parts';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
	if (component) unmount(component);
	component = undefined;
	document.body.innerHTML = '';
});

function showPalette(options: Parameters<typeof ideActionsOverFakes>[0] = {}) {
	const { registry } = ideActionsOverFakes(options);
	component = mount(CommandPalette, {
		target: document.body,
		props: { open: true, actions: registry.list, onClose: () => {} }
	});
	flushSync();
	return { registry, list: page.getByRole('listbox', { name: 'Commands' }) };
}

describe('the command palette', () => {
	it('shows the key of every action that has one, and where a focused part handles it', async () => {
		const { registry, list } = showPalette();
		const keyed = registry.list.filter((action) => action.key !== undefined);
		expect(keyed.map((action) => action.id)).toEqual(
			expect.arrayContaining(['file.rename', 'file.delete', 'agent.stop', 'editor.replace'])
		);
		expect(list.getByRole('option').elements()).toHaveLength(registry.list.length);
		for (const action of keyed) {
			const key = keyLabel(action.key!, isMac());
			const where = action.keyHandledBy ? ` ${action.keyHandledBy}` : '';
			const option = list.getByRole('option', { name: action.title });
			await expect.element(option).toHaveTextContent(`${key}${where}`);
			await expect.element(option.getByText(key, { exact: true })).toBeVisible();
		}
	});

	it('dims an action that cannot run and says why', async () => {
		const { list } = showPalette({ active: null });
		const stop = list.getByRole('option', { name: 'Stop the agent' });
		await expect.element(stop).toHaveAttribute('aria-disabled', 'true');
		await expect
			.element(stop)
			.toHaveAccessibleName(/^Stop the agent The agent is not running\. Escape in the chat$/);
		const rename = list.getByRole('option', { name: 'Rename the selected file or folder' });
		await expect.element(rename).toHaveTextContent(/Select a file in the tree first\./);
		await expect
			.element(list.getByRole('option', { name: 'Open file by name' }))
			.toHaveAttribute('aria-disabled', 'false');
	});
});
