/**
 * Starts downloading what the offline runtime imports when it is created (just-bash, about
 * 370 KB gzip, and buffer), so that download runs in parallel with opening the project instead
 * of after it. Same specifiers as browser-runtime.ts, so both share one module each; idempotent
 * (the browser fetches a module once). A failure here is left to the real import to report.
 */
export function preloadBrowserRuntime(): void {
	import('buffer').catch(() => {});
	import('just-bash/browser').catch(() => {});
}
