#!/usr/bin/env node
// `npm start`: build the app, then serve it with the isolation headers on PORT (default 4173)
// and the preview origin on PREVIEW_PORT (default PORT + 1).
import { fileURLToPath } from 'node:url';

if (process.env.KILN_SKIP_BUILD !== '1') {
	const { buildApp } = await import('./build.mjs');
	const status = buildApp();
	if (status !== 0) {
		console.error('The build failed (see above). Fix the error, then run npm start again.');
		process.exit(status);
	}
	const { writeProjectPreloads } = await import('./project-preloads.mjs');
	await writeProjectPreloads();
	const { precompress } = await import('./precompress.mjs');
	await precompress(fileURLToPath(new URL('../build', import.meta.url)));
}
const { startServer } = await import('./serve.mjs');
try {
	const server = await startServer();
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : '';
	console.log(`Kiln is running at http://localhost:${port}`);
	console.log(`Previews are served from http://localhost:${server.previewPort}`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
