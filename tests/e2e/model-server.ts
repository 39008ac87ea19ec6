/**
 * The e2e tests' `test`: each test may take its own scripted model server (`modelServer`), and the
 * IDE's app-shell worker is a stub unless a test asks for the real one (`shellWorker`).
 */
import { test as base, type BrowserContext } from '@playwright/test';
import { startMockModelServer, type MockModelServer } from '../../tooling/mock-model';

/** The IDE origin's app-shell worker (src/service-worker.ts), not the preview origin's. */
const SHELL_WORKER = /^http:\/\/localhost:\d+\/service-worker\.js$/;

/**
 * Serves an empty worker for the app shell in `context`: it registers and installs at once and
 * handles no request, so pages load from the server as they would without it.
 */
export async function stubShellWorker(context: BrowserContext): Promise<void> {
	await context.route(SHELL_WORKER, (route) =>
		route.fulfill({ contentType: 'text/javascript', body: '// stub for e2e tests\n' })
	);
}

export const test = base.extend<{
	modelServer: MockModelServer;
	/** true: the real app-shell worker; false (the default): an empty one. */
	shellWorker: boolean;
	/** Applies `shellWorker` to every page of the test's context. */
	shellWorkerRoute: void;
}>({
	// Playwright reads fixture dependencies from the first parameter's pattern, even when empty.
	// eslint-disable-next-line no-empty-pattern
	modelServer: async ({}, use) => {
		const server = await startMockModelServer({ script: [] });
		await use(server);
		await server.close();
	},
	shellWorker: [false, { option: true }],
	// The real worker copies the whole build (~100 files) into Cache Storage in every new context,
	// a fifth of the suite's time; only installable.spec.ts tests it.
	shellWorkerRoute: [
		async ({ context, shellWorker }, use) => {
			if (!shellWorker) await stubShellWorker(context);
			await use();
		},
		{ auto: true }
	]
});

export { expect } from '@playwright/test';
