/**
 * Region "Processes" lists servers started in the terminal too: the runtime says they listen,
 * no process of the panel's claims them, and only the terminal can stop them.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { ProcessesPanel } from '../../src/lib/components/processes';
import { ProcessesView } from '../../src/lib/state';

const mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.innerHTML = '';
});

const URL_3000 = 'https://abc--3000.local-credentialless.webcontainer-api.io';

describe('region "Processes"', () => {
	it('lists a server started in the terminal, with its URL and how to stop it', async () => {
		const view = new ProcessesView();
		mounted.push(mount(ProcessesPanel, { target: document.body, props: { view } }));
		flushSync();
		const region = page.getByRole('region', { name: 'Processes' });
		await expect.element(region).toHaveTextContent(/Nothing runs\./);

		view.servers = [{ port: 3000, url: URL_3000 }];
		flushSync();
		const row = region.getByRole('listitem');
		await expect.element(row).toHaveTextContent(/Terminal\s*a server on port 3000/);
		await expect.element(row).toHaveTextContent(/stop it in the terminal with Ctrl\+C/);
		await expect
			.element(row.getByRole('link', { name: URL_3000 }))
			.toHaveAttribute('href', URL_3000);
		expect(row.getByRole('button', { name: 'Stop' }).elements()).toHaveLength(0);

		view.servers = [];
		flushSync();
		await expect.element(region).toHaveTextContent(/Nothing runs\./);
	});
});
