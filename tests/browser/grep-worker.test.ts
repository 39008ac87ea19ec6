/**
 * The grep worker for real, in Chromium: started as the app starts it (a module worker built by
 * Vite), it answers a job exactly as the engine does on the page's thread.
 */
import { expect, it } from 'vitest';
import { runGrepJob, type GrepJob } from '../../src/lib/tools/grep-engine';
import { defaultGrepWorker, searchInWorker } from '../../src/lib/tools/grep-worker-client';
import { compileSearchPattern } from '../../src/lib/tools/regex';

it('searches in a real worker with the results of the in-thread engine', async () => {
	const paths = Array.from({ length: 300 }, (_, i) => `src/f${i}.ts`);
	const texts = paths.map((path, i) =>
		i % 7 === 0 ? `line\nexport const needle${i} = "${path}";\r\nend\n` : `nothing ${i}\n`
	);
	const job: GrepJob = {
		paths,
		texts,
		pattern: 'needle\\d+',
		ignoreCase: false,
		firstOnly: false,
		context: 1
	};
	expect(defaultGrepWorker).toBeTypeOf('function');
	const inWorker = await searchInWorker(job, new AbortController().signal);
	expect(inWorker).toBeDefined();
	expect(inWorker).toEqual(runGrepJob(job, compileSearchPattern));
	expect(inWorker!.length).toBe(43);
});
