// Playwright cannot download browsers here: the tests use the system Chromium. On Debian as root we
// install the `chromium` package ourselves; anywhere else we say how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = () =>
	[process.env.KILN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

export function findChromium() {
	return candidates().find((path) => existsSync(path)) ?? null;
}

export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const isDebian = existsSync('/etc/debian_version');
	if (isRoot && isDebian) {
		console.log('Chromium is missing: installing Debian\'s "chromium" package…');
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
		const installed = findChromium();
		if (installed) return installed;
	}
	console.error(
		[
			'',
			'Chromium was not found, so the browser tests cannot run.',
			'  Debian/Ubuntu: sudo apt-get install -y chromium',
			'  Elsewhere: install Chromium or Chrome and set KILN_CHROMIUM=/path/to/the/binary',
			''
		].join('\n')
	);
	return null;
}
