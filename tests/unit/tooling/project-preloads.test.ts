/**
 * The build gives a project's address its whole list of scripts at once (scripts/project-preloads.mjs):
 * which chunks, in which order, and a page whose script policy still admits the filled-in script.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	fillProjectPreloads,
	PLACEHOLDER,
	projectPreloads,
	scriptHash
} from '../../../scripts/project-preloads.mjs';
import type { ReportedChunk } from '../../../tooling/bundle-report';

const chunk = (
	fileName: string,
	modules: string[],
	imports: string[] = [],
	flags: Partial<Pick<ReportedChunk, 'isEntry' | 'isDynamicEntry'>> = {}
): ReportedChunk => ({
	fileName,
	isEntry: flags.isEntry ?? false,
	isDynamicEntry: flags.isDynamicEntry ?? false,
	imports,
	dynamicImports: [],
	modules: modules.map((id) => ({ id, owner: 'app', renderedLength: 1 }))
});

const ROOT = '/repo';
const REPORT: ReportedChunk[] = [
	chunk(
		'_app/immutable/entry/start.js',
		[`${ROOT}/kit/entry.js`],
		['_app/immutable/chunks/svelte.js'],
		{
			isEntry: true
		}
	),
	chunk('_app/immutable/chunks/svelte.js', [`${ROOT}/node_modules/svelte/internal.js`]),
	chunk(
		'_app/immutable/nodes/4.js',
		[`${ROOT}/.svelte-kit/nodes/4.js`],
		['_app/immutable/chunks/page.js'],
		{
			isEntry: true
		}
	),
	chunk(
		'_app/immutable/chunks/page.js',
		[`${ROOT}/src/routes/project/[id]/+page.svelte`, `${ROOT}/src/lib/components/ide/Ide.svelte`],
		[
			'_app/immutable/chunks/svelte.js',
			'_app/immutable/chunks/storage.js',
			'_app/immutable/chunks/paths.js'
		]
	),
	chunk(
		'_app/immutable/chunks/storage.js',
		[`${ROOT}/src/lib/storage/index.ts`],
		['_app/immutable/chunks/idb.js']
	),
	chunk('_app/immutable/chunks/idb.js', [`${ROOT}/node_modules/idb-keyval/dist/index.js`]),
	chunk(
		'_app/immutable/chunks/start-open.js',
		[`${ROOT}/src/lib/state/early-open-start.ts`],
		['_app/immutable/chunks/early.js'],
		{ isDynamicEntry: true }
	),
	chunk(
		'_app/immutable/chunks/early.js',
		[`${ROOT}/src/lib/state/early-open.ts`],
		['_app/immutable/chunks/storage.js']
	),
	chunk(
		'_app/immutable/chunks/bash-runtime.js',
		[`${ROOT}/src/lib/runtime/browser/bash-runtime.ts`],
		['_app/immutable/chunks/paths.js'],
		{
			isDynamicEntry: true
		}
	),
	chunk('_app/immutable/chunks/paths.js', [`${ROOT}/src/lib/workspace/paths.ts`]),
	chunk('_app/immutable/chunks/buffer.js', [`${ROOT}/node_modules/buffer/index.js`], [], {
		isDynamicEntry: true
	}),
	chunk(
		'_app/immutable/chunks/just-bash.js',
		[`${ROOT}/node_modules/just-bash/dist/bundle/browser.js`],
		['_app/immutable/chunks/fflate.js'],
		{ isDynamicEntry: true }
	),
	chunk('_app/immutable/chunks/fflate.js', [`${ROOT}/node_modules/fflate/esm/browser.js`]),
	// What the runtime imports of just-bash: a re-export, in a chunk of small command helpers.
	chunk(
		'_app/immutable/chunks/just-bash-parts.js',
		[
			`${ROOT}/src/lib/runtime/browser/just-bash-parts.ts`,
			`${ROOT}/node_modules/just-bash/dist/bundle/chunks/chunk-PWD.js`
		],
		['_app/immutable/chunks/just-bash.js', '_app/immutable/chunks/just-bash-helper.js'],
		{ isDynamicEntry: true }
	),
	chunk('_app/immutable/chunks/just-bash-helper.js', [
		`${ROOT}/node_modules/just-bash/dist/bundle/chunks/chunk-HELPER.js`
	]),
	chunk('_app/immutable/chunks/editor.js', [`${ROOT}/node_modules/@codemirror/view/index.js`], [], {
		isDynamicEntry: true
	})
];
const MANIFEST = {
	'src/routes/project/[id]/+page.svelte': {
		file: '_app/immutable/chunks/page.js',
		css: ['_app/immutable/assets/ide.css']
	},
	'.svelte-kit/nodes/0.js': {
		file: '_app/immutable/nodes/0.js',
		css: ['_app/immutable/assets/0.css']
	}
};

describe("a project's preloads", () => {
	it('lists the early reads, then the runtime (for a fast line), then the route (with its node)', () => {
		const { preload, start, route } = projectPreloads(REPORT, MANIFEST, [
			'_app/immutable/entry/start.js',
			'_app/immutable/chunks/svelte.js',
			'_app/immutable/chunks/idb.js'
		]);
		const hrefs = preload.map((entry) => entry.href);
		expect(start).toBe('/_app/immutable/chunks/start-open.js');
		// The route's node, whose import runs the route's code (the session) once it has arrived.
		expect(route).toBe('/_app/immutable/nodes/4.js');
		// The early reads' whole closure first, so that it arrives first: the HTML preloads idb.js
		// too, but only after this list, behind the route's chunks.
		expect(hrefs.slice(0, 4).sort()).toEqual([
			'/_app/immutable/chunks/early.js',
			'/_app/immutable/chunks/idb.js',
			'/_app/immutable/chunks/start-open.js',
			'/_app/immutable/chunks/storage.js'
		]);
		// Then the runtime's, marked for a fast line only, except what the route needs as well.
		// Everything the runtime's imports load, the chunk of its import of just-bash included: left
		// to that import, just-bash could not run before a request made once the early reads ran.
		// just-bash's start is asked for first of them: the largest file, the runtime waits for it.
		expect(preload[4]).toEqual({
			href: '/_app/immutable/chunks/just-bash.js',
			as: 'script',
			fastLine: true
		});
		expect(preload.slice(4, 11).sort((a, b) => a.href.localeCompare(b.href))).toEqual([
			{ href: '/_app/immutable/chunks/bash-runtime.js', as: 'script', fastLine: true },
			{ href: '/_app/immutable/chunks/buffer.js', as: 'script', fastLine: true },
			{ href: '/_app/immutable/chunks/fflate.js', as: 'script', fastLine: true },
			{ href: '/_app/immutable/chunks/just-bash-helper.js', as: 'script', fastLine: true },
			{ href: '/_app/immutable/chunks/just-bash-parts.js', as: 'script', fastLine: true },
			{ href: '/_app/immutable/chunks/just-bash.js', as: 'script', fastLine: true },
			{ href: '/_app/immutable/chunks/paths.js', as: 'script' }
		]);
		// Then the route's, without what the HTML or the early reads already asked for.
		expect(hrefs.slice(11).sort()).toEqual([
			'/_app/immutable/assets/ide.css',
			'/_app/immutable/chunks/page.js',
			'/_app/immutable/nodes/4.js'
		]);
		// The route's stylesheet comes as a style preload; the root layout's is the HTML's already.
		expect(preload).toContainEqual({ href: '/_app/immutable/assets/ide.css', as: 'style' });
		// Left out: what the HTML preloads already (svelte.js) and what no project needs at once
		// (the editor).
		for (const left of ['svelte', 'editor']) {
			expect(hrefs).not.toContain(`/_app/immutable/chunks/${left}.js`);
		}
	});

	it('refuses a build where the start module shares a chunk (importing it would run other code)', () => {
		const merged = REPORT.map((c) =>
			c.fileName.endsWith('start-open.js')
				? {
						...c,
						modules: [...c.modules, ...REPORT.find((x) => x.fileName.endsWith('early.js'))!.modules]
					}
				: c
		);
		expect(() => projectPreloads(merged, MANIFEST, [])).toThrow(/chunk of its own/);
	});

	it("refuses a build where no node imports the route's chunk", () => {
		const noNode = REPORT.filter((c) => !c.fileName.endsWith('nodes/4.js'));
		expect(() => projectPreloads(noNode, MANIFEST, [])).toThrow(/No node/);
	});

	it('names a root no chunk holds', () => {
		const noEarlyReads = REPORT.filter((c) => !c.fileName.endsWith('start-open.js'));
		expect(() => projectPreloads(noEarlyReads, MANIFEST, [])).toThrow(/early-open-start/);
	});
});

describe("filling the page's script", () => {
	const appHtml = readFileSync('src/app.html', 'utf8');
	const script = [...appHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)]
		.map((match) => match[1]!)
		.find((body) => body.includes(PLACEHOLDER));
	const page = (body: string) =>
		`<head><meta http-equiv="content-security-policy" content="script-src 'self' '${scriptHash(
			'theme()'
		)}' '${scriptHash(body)}'"><script>theme()</script><script>${body}</script></head>`;

	it('src/app.html holds the placeholder the build fills', () => {
		expect(script).toBeDefined();
	});

	it('fills the list and swaps the script hash in the policy, leaving the other hashes', () => {
		const preloads = {
			preload: [{ href: '/_app/immutable/chunks/a.js', as: 'script' as const }],
			start: '/_app/immutable/chunks/start.js',
			route: '/_app/immutable/nodes/4.js'
		};
		const filled = fillProjectPreloads(page(script!), preloads);
		const body = [...filled.matchAll(/<script>([\s\S]*?)<\/script>/g)][1]![1]!;
		expect(body).toContain(JSON.stringify(preloads));
		expect(body).not.toContain(PLACEHOLDER);
		expect(filled).toContain(`'${scriptHash(body)}'`);
		expect(filled).not.toContain(`'${scriptHash(script!)}'`);
		expect(filled).toContain(`'${scriptHash('theme()')}'`);
	});

	it('refuses a page whose policy does not list the script (the browser would refuse to run it)', () => {
		const stale = page(script!).replace(scriptHash(script!), scriptHash('something else'));
		expect(() =>
			fillProjectPreloads(stale, { preload: [], start: '/x.js', route: '/y.js' })
		).toThrow(/does not list/);
		expect(() =>
			fillProjectPreloads('<script>theme()</script>', {
				preload: [],
				start: '/x.js',
				route: '/y.js'
			})
		).toThrow(/no script holding/);
	});
});
