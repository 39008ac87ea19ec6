import { describe, expect, it } from 'vitest';
import { CLEAR, openTerminal } from './shell-terminal';

describe('line shell', () => {
	it('greets with what the runtime offers and a prompt at the project root', async () => {
		const terminal = await openTerminal();
		expect(terminal.screen()).toContain('No Node.js or npm here.');
		expect(terminal.prompt()).toEqual({ where: '~', failed: false });
	});

	it('runs a command and shows its output with terminal line endings', async () => {
		const terminal = await openTerminal();
		const shown = await terminal.run(`printf 'a\\nb\\n'`);
		expect(shown).toContain('a\r\nb\r\n');
	});

	it('edits the line: Home/End, Backspace, Delete, Ctrl+U, Ctrl+K, Ctrl+W', async () => {
		const terminal = await openTerminal();
		expect(await terminal.run('cho hello\x01e\x05 worldX\x7f')).toContain('hello world\r\n');
		expect(await terminal.run('garbage\x15echo cleared')).toContain('\r\ncleared\r\n');
		expect(await terminal.run('echo keep drop\x1b[D\x1b[D\x1b[D\x1b[D\x0b')).toContain(
			'\r\nkeep\r\n'
		);
		expect(await terminal.run('echo a bad\x17good')).toContain('\r\na good\r\n');
		expect(await terminal.run('echo xabc\x1bOH\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[3~')).toContain(
			'\r\nabc\r\n'
		);
	});

	it('recalls earlier lines with Up and Down', async () => {
		const terminal = await openTerminal();
		await terminal.run('echo first');
		await terminal.run('echo second');
		expect(await terminal.run('\x1b[A\x1b[A')).toContain('\r\nfirst\r\n');
		// History is now first, second, first: three Ups reach the oldest, Down steps back.
		expect(await terminal.run('\x1b[A\x1b[A\x1b[A\x1b[B')).toContain('\r\nsecond\r\n');
		expect(await terminal.run('echo dra\x1b[A\x1b[B')).toContain('\r\ndra\r\n');
	});

	it('keeps the directory from cd between commands', async () => {
		const terminal = await openTerminal({ 'src/lib/a.txt': 'a', 'docs/d.txt': 'd' });
		await terminal.run('cd src');
		expect(terminal.prompt()?.where).toBe('~/src');
		expect(await terminal.run('pwd')).toContain('/project/src\r\n');
		await terminal.run('cd lib');
		expect(await terminal.run('ls')).toContain('a.txt');
		await terminal.run('cd ../..');
		expect(terminal.prompt()?.where).toBe('~');
		expect(await terminal.run('cd -')).toContain('~/src/lib');
		expect(terminal.prompt()?.where).toBe('~/src/lib');
		await terminal.run('cd');
		expect(terminal.prompt()?.where).toBe('~');
	});

	it('changes directory before the rest of `cd dir && command`', async () => {
		const terminal = await openTerminal({ 'docs/d.txt': 'd' });
		expect(await terminal.run('cd docs && ls')).toContain('d.txt');
		expect(terminal.prompt()?.where).toBe('~/docs');
		const failed = await terminal.run('cd missing && echo should-not-run');
		expect(failed).toContain('cd: no such file or directory: missing');
		// Only the typed line mentions it: the command after && did not run.
		expect(failed.split('should-not-run')).toHaveLength(2);
		expect(terminal.prompt()).toEqual({ where: '~/docs', failed: true });
	});

	it('refuses cd into a file', async () => {
		const terminal = await openTerminal({ 'f.txt': 'f' });
		expect(await terminal.run('cd f.txt')).toContain('cd: not a directory: f.txt');
	});

	it('keeps exported variables, expanded as bash would, until unset', async () => {
		const terminal = await openTerminal();
		await terminal.run('export GREETING="hello  there" NAME=kiln');
		expect(await terminal.run('echo "$GREETING, $NAME"')).toContain('hello  there, kiln');
		await terminal.run('export BOTH="$NAME!"');
		expect(await terminal.run('echo $BOTH')).toContain('kiln!');
		await terminal.run('unset NAME');
		expect(await terminal.run('echo "[$NAME]"')).toContain('[]');
	});

	it('cancels the line being typed with Ctrl+C', async () => {
		const terminal = await openTerminal();
		const since = terminal.screen().length;
		terminal.shell.write('partial\x03');
		const shown = await terminal.settled(since);
		expect(shown).toContain('partial^C\r\n');
		expect(await terminal.run('echo fresh')).toContain('\r\nfresh\r\n');
	});

	it('aborts a running command with Ctrl+C and drops what was typed meanwhile', async () => {
		const terminal = await openTerminal();
		const since = terminal.screen().length;
		terminal.shell.write('sleep 30\r');
		terminal.shell.write('echo typed-ahead\r');
		terminal.shell.write('\x03');
		const shown = await terminal.settled(since);
		expect(shown).toContain('^C');
		expect(shown).not.toContain('typed-ahead\r\n');
		expect(terminal.prompt()?.failed).toBe(true);
		expect(await terminal.run('echo after')).toContain('\r\nafter\r\n');
	});

	it('runs each line of a multi-line paste in order', async () => {
		const terminal = await openTerminal();
		const since = terminal.screen().length;
		terminal.shell.write('echo one\r\necho two\r\n');
		await expect.poll(() => terminal.screen().slice(since)).toContain('\r\ntwo\r\n');
		const shown = await terminal.settled(since);
		expect(shown.indexOf('\r\none\r\n')).toBeGreaterThan(-1);
		expect(shown.indexOf('\r\none\r\n')).toBeLessThan(shown.indexOf('\r\ntwo\r\n'));
	});

	it('clears the screen with clear and with Ctrl+L, keeping the typed line', async () => {
		const terminal = await openTerminal();
		expect(await terminal.run('clear')).toContain(CLEAR);
		const since = terminal.screen().length;
		terminal.shell.write('echo kept\x0c');
		// After the clear, the prompt is redrawn with the line still being typed.
		await expect
			.poll(() => terminal.screen().slice(since).split(CLEAR)[1] ?? '')
			.toContain('echo kept');
		expect(await terminal.run('')).toContain('\r\nkept\r\n');
	});

	it('ends the session with exit, returning its code', async () => {
		const terminal = await openTerminal();
		terminal.shell.write('exit 3\r');
		await expect(terminal.shell.exit).resolves.toBe(3);
	});

	it('ends the session with Ctrl+D on an empty line', async () => {
		const terminal = await openTerminal();
		terminal.shell.write('\x04');
		await expect(terminal.shell.exit).resolves.toBe(0);
	});

	it('shows a red prompt after a failing command', async () => {
		const terminal = await openTerminal();
		await terminal.run('false');
		expect(terminal.prompt()?.failed).toBe(true);
		await terminal.run('true');
		expect(terminal.prompt()?.failed).toBe(false);
	});

	it('reports each command that ends, with its exit code and the end of its output', async () => {
		const terminal = await openTerminal({ 'notes.txt': 'hello\n' });
		const ends: { command: string; exitCode: number; output: string }[] = [];
		const stop = terminal.shell.onCommandEnd!((end) => ends.push(end));
		await terminal.run('cat notes.txt');
		await terminal.run('cat missing.txt');
		expect(ends).toHaveLength(2);
		expect(ends[0]).toEqual({ command: 'cat notes.txt', exitCode: 0, output: 'hello\n' });
		expect(ends[1]).toMatchObject({ command: 'cat missing.txt', exitCode: 1 });
		expect(ends[1]!.output).toMatch(/missing\.txt/);
		stop();
		await terminal.run('true');
		expect(ends).toHaveLength(2);
	});
});
