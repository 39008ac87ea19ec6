/**
 * The project map is built in slices (time-slices.ts): it gives the page the main thread back
 * between units of work, each unit reads at most a file or two, and the map is the same as when
 * built in one go.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildProjectMap, loadTokenCounter } from '../../../../src/lib/agent/project';
import { rankFiles, rankSteps } from '../../../../src/lib/agent/project/relevance';
import { timeSlices } from '../../../../src/lib/agent/project/time-slices';
import type { WorkspaceFile } from '../../../../src/lib/workspace';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';

const opened: Workspace[] = [];

afterEach(async () => {
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

/** 300 modules in 30 folders, each importing the next, plus a package.json. */
function bigProject(): Record<string, string> {
	const files: Record<string, string> = {
		'package.json': '{"name":"big","main":"src/index.ts","dependencies":{"nanoid":"^5.0.0"}}',
		'src/index.ts': "import { f0 } from './mod0/file-0';\nexport function main() {}\n"
	};
	for (let i = 0; i < 300; i++) {
		const next = (i + 1) % 300;
		files[`src/mod${i % 30}/file-${i}.ts`] =
			`import { f${next} } from '../mod${next % 30}/file-${next}';\n` +
			`export interface Thing${i} { id: number }\nexport function f${i}(x: number): number {\n\treturn x + ${i};\n}\n`;
	}
	return files;
}

async function open(files: Record<string, string>) {
	const runtime = await createBrowserRuntime({ files });
	const workspace = await openWorkspace({ projectId: 'slices', runtime });
	opened.push(workspace);
	return workspace;
}

describe('the project map in slices', () => {
	it(
		'pauses after every file it reads, and gives the same map as in one go',
		{ timeout: 30_000 },
		async () => {
			const workspace = await open(bigProject());
			const countTokens = await loadTokenCounter();
			let readsInSlice = 0;
			let mostReads = 0;
			let pauses = 0;
			const watched = {
				allFiles: () => workspace.allFiles(),
				peekText: (path: string) => {
					readsInSlice++;
					mostReads = Math.max(mostReads, readsInSlice);
					return workspace.peekText(path);
				}
			};
			const sliced = await buildProjectMap(watched, {
				countTokens,
				pause: async () => {
					pauses++;
					readsInSlice = 0;
					await Promise.resolve();
				}
			});
			// package.json and the first file share the first slice; every other slice reads one.
			expect(mostReads).toBeLessThanOrEqual(2);
			expect(pauses).toBeGreaterThan(302);
			const atOnce = await buildProjectMap(workspace, { countTokens, pause: async () => {} });
			expect(sliced).toBe(atOnce);
			expect(sliced).toMatch(/^Project map: 302 files/);
		}
	);

	it('lets the page run only once a slice has used its budget', async () => {
		let clock = 0;
		let yields = 0;
		const pause = timeSlices(
			8,
			() => clock,
			async () => {
				yields++;
			}
		);
		clock = 5;
		await pause();
		expect(yields).toBe(0);
		clock = 8;
		await pause();
		expect(yields).toBe(1);
		// A new slice starts after the page ran.
		clock = 12;
		await pause();
		expect(yields).toBe(1);
		clock = 16;
		await pause();
		expect(yields).toBe(2);
	});

	it('scores a big project a few hundred files per step, in the same order as at once', () => {
		// Text files are not scanned for imports, so only the scoring can pause here.
		const files = Array.from({ length: 1_000 }, (_, i) => ({
			path: `notes/n${i % 7}/note-${i}.txt`,
			size: 10,
			mtimeMs: 0,
			binary: false,
			ignored: false
		})) as unknown as WorkspaceFile[];
		const input = { files, text: () => 'text', packageEntryPoints: [] };
		const steps = rankSteps(input);
		let pauses = 0;
		let next = steps.next();
		while (!next.done) {
			pauses++;
			next = steps.next();
		}
		expect(pauses).toBeGreaterThanOrEqual(5);
		expect(next.value.map(({ file }) => file.path)).toEqual(
			rankFiles(input).map(({ file }) => file.path)
		);
	});
});
