// `npm run mock-model -- --script FILE --port 8787`: the scripted model server, for trying the app
// by hand and for end-to-end tests that need a separate process.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScriptFile } from './load-script';
import type { Script } from './script-schema';
import { startMockModelServer } from './server';
import { messageOf } from '../../src/lib/errors';

const usage = `Usage: npm run mock-model -- [--script FILE] [--port 8787] [--host 127.0.0.1] [--quiet]

Replays the turns in FILE as Anthropic Messages and OpenAI chat-completions responses.
Without --script it starts with no turns; POST a script to /__kiln/script.
Script format: tooling/mock-model/README.md.`;

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({
			options: {
				script: { type: 'string' },
				port: { type: 'string', default: '8787' },
				host: { type: 'string', default: '127.0.0.1' },
				quiet: { type: 'boolean', default: false },
				help: { type: 'boolean', default: false }
			}
		}).values;
	} catch (error) {
		console.error(`${messageOf(error)}\n\n${usage}`);
		return 2;
	}
	if (args.help) {
		console.log(usage);
		return 0;
	}
	const port = Number(args.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`--port must be a whole number from 0 to 65535, got "${args.port}".`);
		return 2;
	}

	let script: Script = { models: ['mock-model'], turns: [] };
	let scriptPath: string | undefined;
	if (args.script) {
		// npm runs scripts from the package root; resolve the path from where the person typed it.
		scriptPath = resolve(process.env.INIT_CWD ?? process.cwd(), args.script);
		try {
			script = await loadScriptFile(scriptPath);
		} catch (error) {
			console.error(messageOf(error));
			return 1;
		}
	}

	const server = await startMockModelServer({
		script,
		port,
		host: args.host,
		onRequest: (request) => {
			if (args.quiet) return;
			const turn = request.turn === null ? 'no turn' : `turn ${request.turn}`;
			console.log(
				`#${request.seq} ${request.method} ${request.path} (${request.format ?? '?'}) → ${turn}`
			);
		}
	}).catch((error: unknown) => {
		console.error(messageOf(error));
		return null;
	});
	if (!server) return 1;

	console.log(`mock-model listening on ${server.url}`);
	console.log(`  Anthropic base URL: ${server.url}`);
	console.log(`  OpenAI base URL:    ${server.openaiBaseURL}`);
	console.log(
		scriptPath
			? `  script: ${scriptPath} (${script.turns.length} turns)`
			: '  no script: POST one to /__kiln/script'
	);

	await new Promise<void>((done) => {
		process.once('SIGINT', () => done());
		process.once('SIGTERM', () => done());
	});
	await server.close();
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
