/**
 * The in-browser engine's worker path: the job the worker runs gives what the in-thread search
 * gives (same output, byte for byte), the message protocol carries it, a Stop ends the worker,
 * and the grep tool hands big projects to the worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { createReadTracker, runTool, ToolAbortedError, ToolError } from '../../../src/lib/tools';
import { setGrepWorkerFactory } from '../../../src/lib/tools/grep';
import {
	formatGrepResults,
	fromPortable,
	runGrepJob,
	searchText,
	type GrepJob
} from '../../../src/lib/tools/grep-engine';
import {
	defaultGrepWorker,
	searchInWorker,
	WORKER_MIN_FILES,
	type GrepWorkerLike
} from '../../../src/lib/tools/grep-worker-client';
import {
	handleGrepRequest,
	type GrepWorkerRequest,
	type GrepWorkerResponse
} from '../../../src/lib/tools/grep-worker-protocol';
import { compileSearchPattern } from '../../../src/lib/tools/regex';
import { openWorkspace } from '../../../src/lib/workspace';

const TEXTS: Record<string, string> = {
	'a.ts': Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? `needle ${i}` : `line ${i}`)).join(
		'\n'
	),
	'b.ts': 'needle\r\nno\r\nneedle again\r\n',
	'c.md': `${'x'.repeat(3000)} needle\n`,
	'd.txt': 'nothing here\n',
	'e.txt': 'ünïcödé NEEDLE ✓\n'
};

/** A worker double: the real handler, answered asynchronously as a worker would. */
class FakeWorker implements GrepWorkerLike {
	static requests: GrepWorkerRequest[] = [];
	terminated = false;
	#listeners: ((event: { data: GrepWorkerResponse }) => void)[] = [];
	constructor(private readonly answer: (r: GrepWorkerRequest) => GrepWorkerResponse | null) {}
	postMessage(message: GrepWorkerRequest): void {
		FakeWorker.requests.push(message);
		// Through structured cloning, as postMessage would.
		const request = structuredClone(message);
		setTimeout(() => {
			const response = this.answer(request);
			if (response) for (const listener of this.#listeners) listener({ data: response });
		});
	}
	addEventListener(type: string, listener: never): void {
		if (type === 'message') this.#listeners.push(listener);
	}
	terminate(): void {
		this.terminated = true;
	}
}

afterEach(() => {
	setGrepWorkerFactory(defaultGrepWorker);
	FakeWorker.requests = [];
});

function job(pattern: string, mode: 'files' | 'content' | 'count', context = 0): GrepJob {
	return {
		paths: Object.keys(TEXTS),
		texts: Object.values(TEXTS),
		pattern,
		ignoreCase: pattern === 'needle',
		firstOnly: mode === 'files',
		context
	};
}

describe('the worker job', () => {
	it.each([
		['needle', 'files', 0],
		['needle', 'content', 0],
		['needle', 'content', 3],
		['needle', 'count', 0],
		['^line \\d+$', 'content', 1],
		['x{2000}', 'content', 0]
	] as const)(
		'/%s/ %s (context %d) prints what the in-thread search prints',
		(p, mode, context) => {
			const j = job(p, mode, context);
			const regex = compileSearchPattern(p, j.ignoreCase);
			const inThread = j.paths
				.map((path, i) => searchText(path, j.texts[i]!, regex, j.firstOnly))
				.filter((found) => found !== undefined);
			const viaJob = handleGrepRequest(structuredClone({ id: 1, job: j }));
			expect(viaJob.ok).toBe(true);
			const portable = structuredClone(viaJob.ok ? viaJob.results : []);
			const options = { mode, context, headLimit: undefined };
			expect(formatGrepResults(portable.map(fromPortable), options)).toEqual(
				formatGrepResults(inThread, options)
			);
			expect(runGrepJob(j, compileSearchPattern).length).toBe(inThread.length);
		}
	);

	it('reports a failure as an error response', () => {
		const response = handleGrepRequest({ id: 7, job: { ...job('needle', 'files'), pattern: '(' } });
		expect(response).toMatchObject({ id: 7, ok: false });
	});
});

describe('searchInWorker', () => {
	it('sends the job and returns the answer, then ends the worker', async () => {
		const worker = new FakeWorker(handleGrepRequest);
		const results = await searchInWorker(
			job('needle', 'count'),
			new AbortController().signal,
			() => worker
		);
		expect(results?.map((r) => `${r.path}:${r.count}`)).toEqual([
			'a.ts:4',
			'b.ts:2',
			'c.md:1',
			'e.txt:1'
		]);
		expect(worker.terminated).toBe(true);
	});

	it('turns an error answer into a tool error', async () => {
		const worker = new FakeWorker((r) => ({ id: r.id, ok: false, error: 'Broken.' }));
		await expect(
			searchInWorker(job('needle', 'files'), new AbortController().signal, () => worker)
		).rejects.toThrow(ToolError);
	});

	it('stops at once on Stop and ends the worker', async () => {
		const worker = new FakeWorker(() => null);
		const controller = new AbortController();
		const search = searchInWorker(job('needle', 'files'), controller.signal, () => worker);
		controller.abort();
		await expect(search).rejects.toThrow(ToolAbortedError);
		expect(worker.terminated).toBe(true);
	});

	it('answers undefined where no worker can start (the caller searches in-thread)', async () => {
		expect(
			await searchInWorker(job('needle', 'files'), new AbortController().signal, () => undefined)
		).toBeUndefined();
		expect(defaultGrepWorker()).toBeUndefined();
	});
});

describe('grep on a big project', () => {
	it('searches in the worker, with the output the in-thread search gives', async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < WORKER_MIN_FILES + 10; i++) {
			files[`src/m${String(i).padStart(4, '0')}.ts`] =
				i % 97 === 0 ? `export const needle${i} = 1;\n` : `const x${i} = 2;\n`;
		}
		const runtime = await createBrowserRuntime({ files });
		const workspace = await openWorkspace({ projectId: 'big', runtime });
		const ctx = {
			workspace,
			runtime,
			signal: new AbortController().signal,
			readTracker: createReadTracker()
		};
		try {
			for (const args of [
				{ pattern: 'needle\\d+' },
				{ pattern: 'needle', output_mode: 'content', context: 1 },
				{ pattern: 'const', output_mode: 'count', head_limit: 5 }
			]) {
				setGrepWorkerFactory(() => undefined);
				const inThread = await runTool('grep', args, ctx);
				setGrepWorkerFactory(() => new FakeWorker(handleGrepRequest));
				const before = FakeWorker.requests.length;
				const inWorker = await runTool('grep', args, ctx);
				expect(FakeWorker.requests.length).toBe(before + 1);
				expect(inWorker).toEqual(inThread);
				expect(inWorker.ok).toBe(true);
			}
		} finally {
			workspace.dispose();
			await runtime.dispose();
		}
	});
});
