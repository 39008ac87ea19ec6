// The bridge's code inside a preview page (bundled into /__kiln/bridge.js): small on purpose,
// since every preview page loads it before its own scripts.
export { installBridge } from './install';
export { createReporter, REPORT_BURST, REPORTS_PER_SECOND, type Report } from './reporter';
export { formatArgs, formatValue, bound } from './format';
export { createLimiter } from './limiter';
export { firstFrame, withoutFrames } from './stack';
export { hookConsole } from './console-hook';
export { hookErrors } from './error-hooks';
export { hookRequests } from './request-hooks';
export { hookNavigation } from './navigation-hooks';
