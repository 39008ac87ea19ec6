/**
 * A page opening a project makes, in a task of its own before the IDE arrives, the collator the
 * file tree orders names with: the first one loads ICU's collation data (12–15 ms in Chromium
 * here), which otherwise fell in the IDE's first mount. It only helps with the same locale and
 * options.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import { startEarlyOpen, takeEarlyOpen } from '../../../src/lib/state/early-open';
import { Workspace } from '../../../src/lib/workspace';

const RealCollator = Intl.Collator;
const made: unknown[][] = [];

afterEach(() => vi.restoreAllMocks());

function watchCollators(): void {
	made.length = 0;
	vi.spyOn(Intl, 'Collator').mockImplementation(function (
		...args: ConstructorParameters<typeof Intl.Collator>
	) {
		made.push(args);
		return new RealCollator(...args);
	} as unknown as typeof Intl.Collator);
}

/** The collator options the tree's own is made with (a fresh module copy has none yet). */
async function treeCollation(): Promise<unknown[]> {
	vi.resetModules();
	const { Workspace: FreshWorkspace } = (await import('../../../src/lib/workspace')) as unknown as {
		Workspace: typeof Workspace;
	};
	watchCollators();
	const workspace = new FreshWorkspace({
		projectId: 'p',
		seed: { files: { 'b10.txt': '', 'b9.txt': '', 'A.txt': '' }, dirs: [], mtimes: {} },
		runtime: new Promise(() => {})
	});
	expect(workspace.listDir('').map((node) => node.name)).toEqual(['A.txt', 'b9.txt', 'b10.txt']);
	return made.slice();
}

it('makes the collator the file tree orders names with, before the tree needs it', async () => {
	watchCollators();
	startEarlyOpen('/project/early-collation');
	await vi.waitFor(() => expect(made).toHaveLength(1));
	const warmed = made[0];
	takeEarlyOpen('early-collation');
	// Node has no Worker: this is the main thread's fallback, a task of its own.
	expect(await treeCollation()).toEqual([warmed]);
});

it("the browser's warm-up worker makes the tree's collator and says so", async () => {
	watchCollators();
	const posted: unknown[] = [];
	vi.stubGlobal('self', { postMessage: (message: unknown) => posted.push(message) });
	vi.resetModules();
	await import('../../../src/lib/state/collation-warmup.worker');
	vi.unstubAllGlobals();
	const warmed = made.slice();
	expect(posted).toEqual(['warmed']);
	expect(warmed).toHaveLength(1);
	expect(await treeCollation()).toEqual(warmed);
});
