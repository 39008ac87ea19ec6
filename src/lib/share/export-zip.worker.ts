/// <reference lib="webworker" />
// Zips the exported project off the page's thread, in one worker of our own: fflate's async zip
// deflates small files on the page's thread (a 30 MB project froze the tab for seconds) and
// starts its workers for big ones from blob: URLs, which the page's CSP refuses (the export
// then never finished).
import { zipSync, type ZipOptions, type Zippable } from 'fflate';
import { messageOf } from '../errors';

self.onmessage = (event: MessageEvent<{ entries: Zippable; level: ZipOptions['level'] }>) => {
	const { entries, level } = event.data;
	try {
		const result = zipSync(entries, { level });
		(self as unknown as Worker).postMessage({ ok: true, bytes: result }, [result.buffer]);
	} catch (error) {
		(self as unknown as Worker).postMessage({
			ok: false,
			message: messageOf(error)
		});
	}
};
