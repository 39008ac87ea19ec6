import { loadOnce } from '../../../runtime';
import { outlineFile, type OutlineLanguages } from './index';

/** Outlines a file once the grammars are in: the definitions it contributes to the map. */
export type Outliner = (path: string, text: string) => string[];

/**
 * The project map's outliner, with its four Lezer grammars (JavaScript/TypeScript, CSS, HTML,
 * Markdown), loaded once. They were static imports of the agent's code, so evaluating that code
 * built all four parsers in the same task (deserialising their tables): the agent chunk's
 * evaluation was a 50-60 ms task at 4x CPU on the first send. Now each is asked for at once (one
 * wait for the network, not four) and evaluated in a task of its own as it arrives, and the agent
 * code starts this as it loads (state/chat/agent-loader.ts). A failed load is tried again on the
 * next call.
 */
export const loadOutliner: () => Promise<Outliner> = loadOnce(() =>
	loadLanguages().then(
		(languages): Outliner =>
			(path, text) =>
				outlineFile(languages, path, text)
	)
);

async function loadLanguages(): Promise<OutlineLanguages> {
	// Asked for together; the browser evaluates each (building its parser) as its own module
	// graph arrives, in a task of its own.
	const [{ outlineScript }, { outlineCss }, { outlineHtml }, { outlineMarkdown }] =
		await Promise.all([
			import('./javascript'),
			import('./css'),
			import('./html'),
			import('./markdown')
		]);
	return { outlineScript, outlineCss, outlineHtml, outlineMarkdown };
}
