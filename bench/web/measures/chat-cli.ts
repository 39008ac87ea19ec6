/**
 * Runs the chat measure on its own: `npx tsx bench/web/measures/chat-cli.ts [build dir] [runs]`.
 * Serves the build like `npm start` (default ./build), starts the scripted model server, and
 * prints the rows (and writes them to bench/results/web-chat.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../tooling/chromium';
import { startMockModelServer } from '../../../tooling/mock-model';
import { runChatMeasure } from './chat';

const root = resolve(process.argv[2] ?? 'build');
const runs = Number(process.argv[3] ?? 1);
const port = Number(process.env.KILN_BENCH_PORT ?? 4391);

// scripts/serve.mjs is plain JavaScript without types.
const { startServer } = (await import('../../../scripts/serve.mjs' as string)) as {
	startServer(options: { port: number; root: string }): Promise<{ close(): void }>;
};
const server = await startServer({ port, root });
const model = await startMockModelServer({ script: [] });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
	const rows = await runChatMeasure({
		browser,
		appUrl: `http://localhost:${port}`,
		modelUrl: model.url,
		runs,
		throttled: false
	});
	console.table(
		rows.map((row) => ({
			figure: row.figure,
			value: `${row.value} ${row.unit}`,
			reference: `${row.referenceValue} ${row.unit} (${row.reference})`,
			goal: row.goal?.max !== undefined ? `≤ ${row.goal.max}` : ''
		}))
	);
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/web-chat.json', JSON.stringify({ root, runs, rows }, null, 2));
} finally {
	await browser.close();
	await model.close();
	server.close();
}
process.exit(0);
