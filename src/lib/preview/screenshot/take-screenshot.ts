import { domToCanvas } from 'modern-screenshot';
import { screenshotScale } from '../bridge-protocol';

export interface ScreenshotOptions {
	readonly maxWidth: number;
	readonly maxTokens: number;
}

/**
 * A PNG (data: URL) of the page as it shows in its viewport, drawn from the DOM inside the page
 * itself (modern-screenshot), so no extension or server is needed. Downscaled so the image is
 * at most `maxWidth` px wide and about `maxTokens` input tokens (width × height / 750).
 */
export async function takeScreenshot(options: ScreenshotOptions): Promise<string> {
	const root = document.documentElement;
	const width = Math.max(1, root.clientWidth || window.innerWidth);
	const height = Math.max(1, window.innerHeight || root.clientHeight);
	const scale = screenshotScale(width, height, options.maxWidth, options.maxTokens);
	const canvas = await domToCanvas(root, {
		width,
		height,
		scale,
		backgroundColor: pageBackground(),
		workerNumber: 0,
		// A missing image must not keep the agent waiting for half a minute.
		timeout: 5000
	});
	// The library rounds the canvas up; the promise is "at most", so draw onto the floored size.
	const target = document.createElement('canvas');
	target.width = Math.max(1, Math.floor(width * scale));
	target.height = Math.max(1, Math.floor(height * scale));
	target.getContext('2d')?.drawImage(canvas, 0, 0, target.width, target.height);
	return target.toDataURL('image/png');
}

/** What the page is painted on: its own background, else the browser's white canvas. */
function pageBackground(): string {
	for (const element of [document.body, document.documentElement]) {
		if (!element) continue;
		const color = getComputedStyle(element).backgroundColor;
		if (color && color !== 'transparent' && color !== 'rgba(0, 0, 0, 0)') return color;
	}
	return '#ffffff';
}
