// The preview origin's screenshot script (bundled to /__kiln/screenshot.js, loaded by the bridge
// only when the IDE asks for a screenshot: the library is far larger than the bridge).
export { takeScreenshot, type ScreenshotOptions } from './take-screenshot';
export { SCREENSHOT_GLOBAL } from '../bridge-protocol';
