/**
 * The runtime's adapter (processes, watching, the filesystem) is needed only once a container has
 * booted, which takes seconds: it is fetched during the boot rather than with the IDE's first
 * paint, so the upgrade never waits for it.
 */
import type { WebContainer } from '@webcontainer/api';
import { bootWebContainer, type BootWebContainerOptions } from './boot';

export interface BootedWebContainer {
	container: WebContainer;
	createRuntime: (typeof import('./adapter'))['createWebContainerRuntime'];
}

/** bootWebContainer, with the adapter that makes the booted container a Runtime. */
export async function bootWithAdapter(
	options: BootWebContainerOptions
): Promise<BootedWebContainer> {
	const [container, adapter] = await Promise.all([bootWebContainer(options), import('./adapter')]);
	return { container, createRuntime: adapter.createWebContainerRuntime };
}
