import type { ITheme } from '@xterm/xterm';

/**
 * The terminal palette from the app's CSS custom properties (src/app.css), so it follows the
 * dark and light themes; the fallbacks are a calm dark palette.
 */
export function terminalTheme(element: Element): ITheme {
	const style = getComputedStyle(element);
	const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	const light = style.colorScheme.includes('light') && !style.colorScheme.includes('dark');
	return {
		background: read('--bg-sunken', '#101216'),
		foreground: read('--fg', '#e6e8ee'),
		cursor: read('--accent', '#f08a4b'),
		cursorAccent: read('--bg-sunken', '#101216'),
		selectionBackground: light ? 'rgba(21, 101, 192, 0.25)' : 'rgba(124, 183, 255, 0.3)',
		...(light
			? {
					black: '#1c1f26',
					red: '#c62828',
					green: '#1b7a43',
					yellow: '#8a6100',
					blue: '#1565c0',
					magenta: '#8e24aa',
					cyan: '#00796b',
					white: '#586174',
					brightBlack: '#586174'
				}
			: {
					black: '#15171c',
					red: '#ff6b6b',
					green: '#5fd38d',
					yellow: '#f5c451',
					blue: '#7cb7ff',
					magenta: '#d69bf5',
					cyan: '#5fd3c8',
					white: '#e6e8ee',
					brightBlack: '#9aa3b2'
				})
	};
}

export function terminalFont(element: Element): string {
	return (
		getComputedStyle(element).getPropertyValue('--font-mono').trim() ||
		"ui-monospace, Menlo, Consolas, 'Liberation Mono', monospace"
	);
}
