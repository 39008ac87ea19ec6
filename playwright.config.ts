import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tooling/chromium';

const port = Number(process.env.KILN_E2E_PORT) || 4317;
/** Project pages run on their own origin, a second port. */
const previewPort = port + 1;

export default defineConfig({
	testDir: 'tests/e2e',
	// Not test-results/ itself: Playwright empties its output folder, and the other suites' reports live there.
	outputDir: 'test-results/e2e-artifacts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.KILN_E2E_JSON
		? [['list'], ['json', { outputFile: process.env.KILN_E2E_JSON }]]
		: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: chromiumLaunchOptions(),
		trace: 'retain-on-failure',
		viewport: { width: 1440, height: 900 }
	},
	webServer: {
		// The production build, served with the real headers, exactly as `npm start` does.
		command: `node scripts/start.mjs`,
		env: { PORT: String(port), PREVIEW_PORT: String(previewPort) },
		url: `http://localhost:${port}`,
		// The IDE answering is not enough: the preview origin must be up too.
		wait: { stdout: new RegExp(`Previews are served from http://localhost:${previewPort}`) },
		reuseExistingServer: false,
		timeout: 240_000,
		stderr: 'pipe'
	}
});
