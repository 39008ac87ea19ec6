/// <reference lib="webworker" />
// Deflates a packed project off the page's thread. A file of its own rather than fflate's async
// API: fflate builds its workers from blob: URLs, which the page's script-src refuses.
import { deflateSync } from 'fflate';

self.onmessage = (event: MessageEvent<Uint8Array>) => {
	const result = deflateSync(event.data, { level: 9 });
	(self as unknown as Worker).postMessage(result, [result.buffer]);
};
