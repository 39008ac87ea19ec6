import { test as base } from '@playwright/test';
import { startMockModelServer, type MockModelServer } from '../../tooling/mock-model';

/** Each test gets its own scripted model server on a free port (the only stand-in we allow). */
export const test = base.extend<{ modelServer: MockModelServer }>({
	// Playwright reads fixture dependencies from the first parameter's pattern, even when empty.
	// eslint-disable-next-line no-empty-pattern
	modelServer: async ({}, use) => {
		const server = await startMockModelServer({ script: [] });
		await use(server);
		await server.close();
	}
});

export { expect } from '@playwright/test';
