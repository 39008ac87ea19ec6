import type { WebContainer } from '@webcontainer/api';

export type PreviewScriptContainer = Pick<WebContainer, 'setPreviewScript'>;

/**
 * Has WebContainer put `source` into every HTML page its dev servers serve from now on (the
 * preview bridge: console, errors and commands for the IDE). A classic script, neither deferred
 * nor async, so it runs before the page's own scripts and sees their first errors. Pages already
 * open get it on their next load.
 */
export function setContainerPreviewScript(
	container: PreviewScriptContainer,
	source: string
): Promise<void> {
	return container.setPreviewScript(source, { defer: false, async: false });
}
