import { main } from './main';

/**
 * The `kiln` command as a process: runs the CLI on the process's arguments and exits with its
 * code. Both launchers call it: bin/kiln.mjs (the checkout, from sources) and dist/cli/kiln.mjs
 * (the package, built by scripts/build-cli.mjs).
 */
export async function runKilnProcess(): Promise<void> {
	const code = await main(process.argv.slice(2));
	// Exit explicitly once output is flushed: an idle HTTP keep-alive socket must not hold the
	// process open after the turn ended.
	process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
