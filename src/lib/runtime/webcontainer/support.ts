/** The globals the check reads; tests pass their own. */
export interface SupportEnv {
	crossOriginIsolated?: boolean;
	SharedArrayBuffer?: unknown;
	navigator?: {
		onLine?: boolean;
		userAgent?: string;
		maxTouchPoints?: number;
		userAgentData?: { mobile?: boolean };
	};
}

export type WebContainerUnsupportedReason = 'not-isolated' | 'unsupported-browser' | 'offline';

export type WebContainerSupport =
	| {
			readonly supported: true;
			/** Set where WebContainer is in beta (desktop Firefox and Safari): worth showing, not blocking. */
			readonly warning?: string;
	  }
	| {
			readonly supported: false;
			readonly reason: WebContainerUnsupportedReason;
			readonly message: string;
	  };

const FALLBACK = 'Kiln uses its offline runtime instead.';

/**
 * Whether WebContainer can boot here, checked before trying (a boot that cannot work may hang
 * for good and, with it, every later boot on the page).
 *
 * Browsers: Chromium-based desktop browsers are supported. Desktop Firefox and Safari 16.4+
 * are supported with a warning, because StackBlitz calls them beta and they mostly work.
 * Phones and tablets (iOS is unreliable) and older Safari are unsupported.
 */
export function webContainerSupport(
	env: SupportEnv = globalThis as SupportEnv
): WebContainerSupport {
	const navigator = env.navigator;
	if (!navigator || typeof navigator.userAgent !== 'string') {
		return unsupported(
			'unsupported-browser',
			`WebContainer runs only in a web browser. ${FALLBACK}`
		);
	}
	const browser = classifyBrowser(navigator);
	if (browser === 'mobile') {
		return unsupported(
			'unsupported-browser',
			`WebContainer does not run reliably on phones and tablets. ${FALLBACK} ` +
				'For real Node.js and npm, open Kiln in Chrome or Edge on a desktop computer.'
		);
	}
	if (browser === 'old-safari') {
		return unsupported(
			'unsupported-browser',
			`WebContainer needs Safari 16.4 or newer. ${FALLBACK} Update Safari, or use Chrome or Edge.`
		);
	}
	if (env.crossOriginIsolated !== true) {
		return unsupported(
			'not-isolated',
			'WebContainer cannot start: this page is not cross-origin isolated (the server must send ' +
				`Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers). ${FALLBACK}`
		);
	}
	if (typeof env.SharedArrayBuffer !== 'function') {
		return unsupported(
			'unsupported-browser',
			`WebContainer needs SharedArrayBuffer, which this browser does not provide. ${FALLBACK}`
		);
	}
	if (navigator.onLine === false) {
		return unsupported(
			'offline',
			`Offline runtime: no network connection, so WebContainer cannot load. ${FALLBACK}`
		);
	}
	if (browser === 'firefox' || browser === 'safari') {
		return {
			supported: true,
			warning:
				`WebContainer support in ${browser === 'firefox' ? 'Firefox' : 'Safari'} is in beta. ` +
				'If commands or previews misbehave, use Chrome or Edge, or switch to the offline runtime.'
		};
	}
	return { supported: true };
}

function unsupported(reason: WebContainerUnsupportedReason, message: string): WebContainerSupport {
	return { supported: false, reason, message };
}

type BrowserClass = 'chromium' | 'firefox' | 'safari' | 'old-safari' | 'mobile' | 'other';

function classifyBrowser(navigator: NonNullable<SupportEnv['navigator']>): BrowserClass {
	const ua = navigator.userAgent ?? '';
	// iPadOS asks for desktop pages with a Mac user agent; its touch points give it away.
	const ipad = /Macintosh/.test(ua) && (navigator.maxTouchPoints ?? 0) > 1;
	if (navigator.userAgentData?.mobile || /Android|iPhone|iPad|iPod|Mobile/.test(ua) || ipad) {
		return 'mobile';
	}
	if (/Firefox\//.test(ua)) return 'firefox';
	if (/Chrome\/|Chromium\/|Edg\//.test(ua)) return 'chromium';
	const safari = /Version\/(\d+)\.(\d+).*Safari\//.exec(ua);
	if (safari) {
		const [major, minor] = [Number(safari[1]), Number(safari[2])];
		return major > 16 || (major === 16 && minor >= 4) ? 'safari' : 'old-safari';
	}
	return 'other';
}
