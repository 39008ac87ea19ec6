import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tooling/chromium';

const port = Number(process.env.KILN_E2E_PORT) || 4317;
/** Project pages run on their own origin, a second port. */
const previewPort = port + 1;

export default defineConfig({
	testDir: 'tests/e2e',
	// Not test-results/ itself: Playwright empties its output folder, and the other suites' reports live there.
	outputDir: 'test-results/e2e-artifacts',
	// Tests of one file run side by side too (each has its own browser context), so one long file
	// no longer finishes alone at the end; groups that build on each other say so with
	// describe.configure({ mode: 'serial' }). The suite is CPU-bound on 2 cores: more workers only
	// slow every test down (3 and 4 took as long as 2, and timed out the heaviest tests).
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: {
		timeout: 15_000,
		// Screenshot tests (screens.spec.ts): animations stopped, the caret hidden, and a little
		// room for anti-aliasing; a changed layout differs by far more.
		toHaveScreenshot: { animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.01 }
	},
	// One baseline per screen whatever the platform: CI and developers both run Debian Chromium.
	snapshotPathTemplate: '{testDir}/{testFilePath}-snapshots/{arg}{ext}',
	reporter: process.env.KILN_E2E_JSON
		? [['list'], ['json', { outputFile: process.env.KILN_E2E_JSON }]]
		: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: chromiumLaunchOptions(),
		// Recording a trace made every test ~60% slower (38 tests: 101 → 163 s), so the suite runs
		// without; KILN_E2E_TRACE=1 keeps one for each failing test (npx playwright show-trace).
		trace: process.env.KILN_E2E_TRACE === '1' ? 'retain-on-failure' : 'off',
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
