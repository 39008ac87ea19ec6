import { existsSync } from 'node:fs';

/** Debian's Chromium, unless KILN_CHROMIUM points elsewhere: Playwright cannot download one here. */
export function chromiumPath(): string {
	const candidates = [process.env.KILN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return (
		candidates.find((path): path is string => !!path && existsSync(path)) ?? '/usr/bin/chromium'
	);
}

/**
 * Launch flags: no sandbox (we run as root in CI), and no background networking, whose
 * connections this offline machine refuses by the dozen.
 */
export function chromiumLaunchOptions() {
	return {
		executablePath: chromiumPath(),
		args: [
			'--no-sandbox',
			'--disable-dev-shm-usage',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-quic',
			'--no-first-run'
		]
	};
}
