// Bundled to /__kiln/screenshot.js; the bridge loads it into a preview page when the IDE first
// asks for a screenshot, and finds it under SCREENSHOT_GLOBAL.
import { SCREENSHOT_GLOBAL, takeScreenshot } from '../lib/preview/screenshot';

(window as unknown as Record<string, unknown>)[SCREENSHOT_GLOBAL] = takeScreenshot;
