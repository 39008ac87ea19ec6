import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './model-server';

/** Every `__sveltekit_<name>` global a text refers to. */
function namesIn(text: string): string[] {
	return [...new Set(text.match(/__sveltekit_[a-z0-9]+/g) ?? [])];
}

// The page SvelteKit prerenders and the chunks it starts must agree on the build's name (the
// global the page fills and the client reads). A `svelte-kit sync` beside the build once named
// them apart (svelte.config.js: version), and no page of the app started.
test('the served page and the built chunks share one build name', async ({ request }) => {
	const page = await (await request.get('/')).text();
	const pageNames = namesIn(page);
	expect(pageNames).toHaveLength(1);
	const root = 'build/_app/immutable';
	const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.js'));
	const chunkNames = new Set<string>();
	for (const file of files) {
		for (const name of namesIn(await readFile(join(root, file), 'utf8'))) chunkNames.add(name);
	}
	expect([...chunkNames]).toEqual(pageNames);
});
