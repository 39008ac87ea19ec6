import { describe, expect, it } from 'vitest';
import { runCli, useTempDirs } from './cli-process';

const TIMEOUT = 30_000;

describe('kiln sessions, and resuming without a stored session', () => {
	const tempDir = useTempDirs();

	it(
		'kiln sessions --help says what it lists; an empty folder says how to start one',
		async () => {
			const help = await runCli(['sessions', '--help']);
			expect(help.code).toBe(0);
			expect(help.stdout).toContain('Usage: kiln sessions [--dir DIR] [--json]');
			expect(help.stdout).toContain('--resume ID');

			const dir = await tempDir();
			const empty = await runCli(['sessions', '--dir', dir]);
			expect(empty.code, empty.stderr).toBe(0);
			expect(empty.stdout).toMatch(
				/No sessions stored in .*\.kiln\/sessions yet: 'kiln run' starts one/
			);
			const json = await runCli(['sessions', '--dir', dir, '--json']);
			expect(JSON.parse(json.stdout)).toEqual([]);
		},
		TIMEOUT
	);

	it(
		'--continue with nothing stored, and --resume with --continue, are usage errors (exit 2)',
		async () => {
			const dir = await tempDir();
			const base = ['run', '--dir', dir, '--permission-mode', 'auto', '-p', 'go on'];
			const none = await runCli([...base, '--continue']);
			expect(none.code).toBe(2);
			expect(none.stderr).toMatch(/no stored session to resume in .*Run without --resume/);
			const unknown = await runCli([...base, '--resume', 'nope']);
			expect(unknown.code).toBe(2);
			const both = await runCli([...base, '--resume', 'latest', '--continue']);
			expect(both.code).toBe(2);
			expect(both.stderr).toContain('either --resume SESSION or --continue');
		},
		TIMEOUT
	);
});
