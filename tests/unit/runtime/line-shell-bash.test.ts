/**
 * The offline terminal behaves as bash does at a prompt: `$?` carries over, stderr comes in
 * order with stdout, Tab completes, `history` lists, here-documents and compound commands read
 * on until complete, Ctrl+R searches, and just-bash's embedder messages are put in the terminal's words.
 */
import { describe, expect, it } from 'vitest';
import { openTerminal } from './shell-terminal';

const TAB = '\t';
const CTRL_R = '\x12';
const CTRL_G = '\x07';

describe('the offline terminal, like bash', () => {
	it('keeps $? from one command to the next, builtins included', async () => {
		const terminal = await openTerminal();
		await terminal.run('(exit 7)');
		expect(await terminal.run('echo "status=$?"')).toContain('status=7');
		expect(await terminal.run('echo "status=$?"')).toContain('status=0');
		await terminal.run('cd nowhere');
		expect(await terminal.run('echo "after-cd=$?"')).toContain('after-cd=1');
		await terminal.run('test -e absent');
		expect(await terminal.run('echo $?')).toMatch(/\r\n1\r\n/);
	});

	it('prints stderr where it happened, between the lines of stdout', async () => {
		const terminal = await openTerminal();
		const shown = await terminal.run('echo one; ls /missing-folder; echo two >&2; echo three');
		const order = ['one', 'missing-folder: No such file', 'two', 'three'].map((text) =>
			shown.lastIndexOf(text)
		);
		expect(order.every((index) => index > -1)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		// A command's own redirection of stderr still wins.
		expect(await terminal.run('ls /missing-folder 2>/dev/null; echo done')).not.toContain(
			'No such file'
		);
		await terminal.run('ls /missing-folder 2> err.txt');
		expect(await terminal.run('cat err.txt')).toContain('No such file');
	});

	it('completes a command name with Tab', async () => {
		const terminal = await openTerminal();
		expect(await terminal.run(`ech${TAB}completed`)).toContain('\r\ncompleted\r\n');
		// The shell's own builtins complete too.
		expect(await terminal.run(`hist${TAB}`)).toMatch(/\d+ {2}history/);
	});

	it('completes paths with Tab: files, folders with a slash, and a list on the second Tab', async () => {
		const terminal = await openTerminal({
			'src/components/button.ts': 'export const button = 1;\n',
			'src/components/badge.ts': 'export const badge = 2;\n',
			'my notes.txt': 'spaced\n'
		});
		expect(await terminal.run(`cat src/comp${TAB}bu${TAB}`)).toContain('button = 1');
		expect(await terminal.run(`cat my${TAB}`)).toContain('spaced');
		const since = terminal.screen().length;
		terminal.shell.write(`cat src/components/b${TAB}${TAB}`);
		await expect.poll(() => terminal.screen().slice(since)).toMatch(/badge\.ts\s+button\.ts/);
		terminal.shell.write('\x15');
		await terminal.run('cd src');
		expect(await terminal.run(`ls comp${TAB}`)).toContain('badge.ts');
	});

	it('lists what was typed with history, and forgets it with history -c', async () => {
		const terminal = await openTerminal();
		await terminal.run('echo alpha');
		await terminal.run('echo beta');
		const listed = await terminal.run('history');
		expect(listed).toMatch(/ {4}1 {2}echo alpha\r\n {4}2 {2}echo beta\r\n {4}3 {2}history/);
		expect(await terminal.run('history 1')).toMatch(/ {4}4 {2}history 1\r\n/);
		await terminal.run('history -c');
		expect(await terminal.run('history')).not.toContain('echo alpha');
	});

	it('reads a here-document typed line by line until its delimiter, then runs it once', async () => {
		const terminal = await openTerminal();
		const since = terminal.screen().length;
		terminal.shell.write("cat <<'EOF' > notes.md\r");
		// bash's PS2: the shell waits for more instead of running the first line.
		await expect.poll(() => terminal.screen().slice(since).endsWith('\r\n\r> \x1b[K')).toBe(true);
		terminal.shell.write('# Title\r');
		terminal.shell.write('  indented $HOME\r');
		await expect.poll(() => terminal.screen().slice(since).split('\r> ').length).toBe(4);
		terminal.shell.write('EOF\r');
		await terminal.settled(since);
		expect(await terminal.run('cat notes.md')).toContain('# Title\r\n  indented $HOME\r\n');
		// The whole here-document is one history entry, and runs again from there.
		expect(await terminal.run('history')).toContain("cat <<'EOF' > notes.md\r\n# Title");
		await terminal.run('rm notes.md');
		await terminal.run('\x1b[A\x1b[A\x1b[A\x1b[A');
		expect(await terminal.run('wc -l < notes.md')).toMatch(/\r\n2\r\n/);
	});

	it('keeps reading after an open quote or a trailing backslash; Ctrl+C abandons it', async () => {
		const terminal = await openTerminal();
		expect(await terminal.run('echo "two\rlines"')).toContain('two\r\nlines\r\n');
		expect(await terminal.run('echo joined \\\rhere')).toContain('joined here');
		const since = terminal.screen().length;
		terminal.shell.write('cat <<END\rnever run\r\x03');
		const shown = await terminal.settled(since);
		expect(shown).toContain('^C');
		expect(shown).not.toContain('never run\r\nnever run');
	});

	it('keeps reading an unfinished if, loop, case, function or pipe at `> `, then runs it once', async () => {
		const terminal = await openTerminal();
		const since = terminal.screen().length;
		terminal.shell.write('for i in 1 2; do\r');
		// bash's PS2 rather than just-bash's "Expected DONE, got EOF".
		await expect.poll(() => terminal.screen().slice(since).endsWith('\r\n\r> \x1b[K')).toBe(true);
		terminal.shell.write('  echo "n$i"\r');
		await expect.poll(() => terminal.screen().slice(since).split('\r> ').length).toBe(3);
		terminal.shell.write('done\r');
		const loop = await terminal.settled(since);
		expect(loop).toContain('\r\nn1\r\nn2\r\n');
		expect(loop).not.toMatch(/Expected|syntax error/);
		expect(await terminal.run('if true; then\recho yes\relse\recho no\rfi')).toContain(
			'\r\nyes\r\n'
		);
		expect(await terminal.run('case b in\ra) echo A;;\rb) echo B;;\resac')).toContain('\r\nB\r\n');
		expect(await terminal.run('greet() {\r  echo "hi $1"\r}; greet you')).toContain(
			'\r\nhi you\r\n'
		);
		expect(await terminal.run('echo piped |\rtr a-z A-Z')).toContain('\r\nPIPED\r\n');
		expect(await terminal.run('false ||\recho rescued')).toContain('\r\nrescued\r\n');
		expect(await terminal.run('( echo in-subshell\r)')).toContain('\r\nin-subshell\r\n');
		// The whole command is one history entry.
		expect(await terminal.run('history')).toContain('for i in 1 2; do\r\n  echo "n$i"\r\ndone');
	});

	it('runs what is pending when Ctrl+D ends the input, as bash does', async () => {
		const terminal = await openTerminal();
		let since = terminal.screen().length;
		terminal.shell.write('while true; do\r');
		await expect.poll(() => terminal.screen().slice(since).endsWith('\r> \x1b[K')).toBe(true);
		terminal.shell.write('\x04');
		const loop = await terminal.settled(since);
		expect(loop).toContain('bash: syntax error: unexpected end of file');
		expect(loop).not.toMatch(/Parse error|unexpected token `done'/);
		// A here-document cut short runs with the lines it got.
		since = terminal.screen().length;
		terminal.shell.write('cat <<END\rcut short\r');
		await expect.poll(() => terminal.screen().slice(since).endsWith('\r> \x1b[K')).toBe(true);
		terminal.shell.write('\x04');
		expect(await terminal.settled(since)).toContain('\r\ncut short\r\n');
	});

	it('searches the history backwards with Ctrl+R', async () => {
		const terminal = await openTerminal();
		await terminal.run('echo apple-pie');
		await terminal.run('echo banana-split');
		await terminal.run('echo apple-crumble');
		let since = terminal.screen().length;
		terminal.shell.write(`${CTRL_R}apple`);
		await expect
			.poll(() => terminal.screen().slice(since))
			.toContain("(reverse-i-search)`apple': echo apple-crumble");
		// Ctrl+R again goes to the older match; Enter runs it.
		expect(await terminal.run(CTRL_R)).toContain('\r\napple-pie\r\n');
		since = terminal.screen().length;
		terminal.shell.write(`${CTRL_R}zzz`);
		await expect.poll(() => terminal.screen().slice(since)).toContain('failed reverse-i-search');
		// Ctrl+G gives back the line as it was.
		expect(await terminal.run(`${CTRL_G}echo restored`)).toContain('\r\nrestored\r\n');
	});

	// Several commands, one of them hitting a limit: slow on a busy machine, so more time.
	it(
		'says in its own words what the offline runtime cannot do, and what to use instead',
		{ timeout: 30_000 },
		async () => {
			const terminal = await openTerminal();
			const python = await terminal.run('python3 -c "print(1)"');
			expect(python).toContain('python3: not available in the offline terminal');
			expect(python).toContain('Kiln CLI');
			expect(python).not.toContain('Node.js bundle');
			const deep = await terminal.run('f() { f; }; f');
			expect(deep).toContain('Split the work into smaller commands');
			expect(deep).not.toContain('executionLimits');
			const npm = await terminal.run('npm install');
			expect(npm).toContain('no Node.js or npm');
			expect(npm).toContain('Node.js runs in WebContainer');
			const syntax = await terminal.run('echo a; fi');
			expect(syntax).toContain("bash: line 1: syntax error near unexpected token `fi'");
			expect(syntax).not.toContain('Parse error at');
		}
	);
});
