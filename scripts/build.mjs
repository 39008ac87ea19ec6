#!/usr/bin/env node
// `npm run build` (and `npm start`'s build): `vite build` twice. The first pass chunks as Rollup
// does by default and writes a plan of which chunk each module goes to; the second builds with
// that plan, so that a page starts from a handful of files instead of ~40 (tooling/chunk-plan.ts
// says why it takes two passes). The first pass is not minified: chunking does not depend on it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));

/** Runs both passes; returns the exit status of the one that failed, or 0. */
export function buildApp() {
	const dir = mkdtempSync(join(tmpdir(), 'kiln-chunk-plan-'));
	const plan = join(dir, 'plan.json');
	try {
		const passes = [
			{ KILN_CHUNK_PLAN_OUT: plan, KILN_BUILD_PASS: 'plan' },
			{ KILN_CHUNK_PLAN: plan }
		];
		for (const [index, env] of passes.entries()) {
			console.log(
				`\n▶ vite build, pass ${index + 1} of 2${index === 0 ? ' (the chunk plan)' : ''}`
			);
			const run = spawnSync(process.execPath, [vite, 'build'], {
				stdio: 'inherit',
				env: { ...process.env, ...env }
			});
			if (run.status !== 0) return run.status ?? 1;
		}
		return 0;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(buildApp());
