import { describe, expect, it } from 'vitest';
import type { CommandEnd, ShellSession } from '../../../../src/lib/runtime/types';
import { TerminalController } from '../../../../src/lib/components/terminal/terminal-controller';

/** The screen: what was written, with ANSI codes removed for readable assertions. */
function fakeSurface() {
	let text = '';
	return {
		cols: 100,
		rows: 30,
		write(data: string) {
			text += data;
		},
		get text() {
			// eslint-disable-next-line no-control-regex
			return text.replace(/\x1b\[[0-9;]*m/g, '');
		}
	};
}

function fakeSession() {
	const listeners = new Set<(data: string) => void>();
	let finish: (code: number) => void = () => {};
	const session = {
		written: [] as string[],
		resized: [] as [number, number][],
		killed: false,
		exit: new Promise<number>((resolve) => (finish = resolve)),
		write(data: string) {
			session.written.push(data);
		},
		resize(cols: number, rows: number) {
			session.resized.push([cols, rows]);
		},
		onData(listener: (data: string) => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		kill() {
			session.killed = true;
			finish(130);
		},
		emit(data: string) {
			for (const listener of listeners) listener(data);
		},
		end(code: number) {
			finish(code);
		}
	};
	return session satisfies ShellSession;
}

describe('TerminalController', () => {
	it('opens a shell at the terminal size and wires input and output', async () => {
		const surface = fakeSurface();
		const session = fakeSession();
		const sizes: unknown[] = [];
		const controller = new TerminalController(surface);
		controller.attach(async (size) => {
			sizes.push(size);
			return session;
		});
		await expect.poll(() => controller.state).toBe('open');
		expect(sizes).toEqual([{ cols: 100, rows: 30 }]);
		session.emit('$ ');
		controller.input('ls\r');
		controller.resize(80, 24);
		expect(surface.text).toBe('$ ');
		expect(session.written).toEqual(['ls\r']);
		expect(session.resized).toEqual([[80, 24]]);
	});

	it('replays keystrokes typed while the shell was starting', async () => {
		const session = fakeSession();
		let open: (value: ShellSession) => void = () => {};
		const controller = new TerminalController(fakeSurface());
		controller.attach(() => new Promise((resolve) => (open = resolve)));
		controller.input('echo hi\r');
		open(session);
		await expect.poll(() => session.written).toEqual(['echo hi\r']);
	});

	it('keeps keystrokes typed before the first shell was asked for, for that shell', async () => {
		const session = fakeSession();
		const controller = new TerminalController(fakeSurface());
		controller.input('pwd\r');
		controller.attach(async () => session);
		await expect.poll(() => session.written).toEqual(['pwd\r']);
	});

	it('kills the old session on a switch and prints a dim notice', async () => {
		const surface = fakeSurface();
		const first = fakeSession();
		const second = fakeSession();
		const controller = new TerminalController(surface);
		controller.attach(async () => first);
		await expect.poll(() => controller.state).toBe('open');
		first.emit('$ ');
		controller.attach(async () => second, 'switched to WebContainer');
		expect(first.killed).toBe(true);
		await expect.poll(() => controller.state).toBe('open');
		first.emit('stale');
		second.emit('fresh');
		expect(surface.text).toBe('$ \r\n— switched to WebContainer —\r\nfresh');
		// The killed session's exit is not reported as the shell exiting.
		expect(surface.text).not.toContain('process exited');
	});

	it('drops a session that connects after a newer switch', async () => {
		const late = fakeSession();
		let openLate: (value: ShellSession) => void = () => {};
		const controller = new TerminalController(fakeSurface());
		controller.attach(() => new Promise((resolve) => (openLate = resolve)));
		const current = fakeSession();
		controller.attach(async () => current, 'switched');
		await expect.poll(() => controller.state).toBe('open');
		openLate(late);
		await expect.poll(() => late.killed).toBe(true);
		controller.input('x');
		expect(current.written).toEqual(['x']);
	});

	it('reports an exit and starts a new shell on Enter', async () => {
		const surface = fakeSurface();
		const sessions = [fakeSession(), fakeSession()];
		let opened = 0;
		const controller = new TerminalController(surface);
		controller.attach(async () => sessions[opened++]!);
		await expect.poll(() => controller.state).toBe('open');
		sessions[0]!.end(2);
		await expect.poll(() => controller.state).toBe('exited');
		expect(surface.text).toContain(
			'[process exited with code 2] — press Enter to start a new shell'
		);
		controller.input('x');
		expect(opened).toBe(1);
		controller.input('\r');
		await expect.poll(() => controller.state).toBe('open');
		expect(opened).toBe(2);
	});

	it('explains a failed connect and retries on Enter', async () => {
		const surface = fakeSurface();
		let attempts = 0;
		const session = fakeSession();
		const controller = new TerminalController(surface);
		controller.attach(async () => {
			attempts += 1;
			if (attempts === 1) throw new Error('WebContainer did not boot.');
			return session;
		});
		await expect.poll(() => controller.state).toBe('failed');
		// The first line of an empty terminal: no blank line before the message.
		expect(surface.text).toBe(
			'Terminal unavailable: WebContainer did not boot — press Enter to try again, or reload the page.\r\n'
		);
		controller.input('\r');
		await expect.poll(() => controller.state).toBe('open');
		expect(attempts).toBe(2);
	});

	it('kills the session on dispose and ignores later input', async () => {
		const session = fakeSession();
		const controller = new TerminalController(fakeSurface());
		controller.attach(async () => session);
		await expect.poll(() => controller.state).toBe('open');
		controller.dispose();
		controller.input('x');
		expect(session.killed).toBe(true);
		expect(session.written).toEqual([]);
	});

	it('passes on the commands the shell reports as ended, until the shell is replaced', async () => {
		const surface = fakeSurface();
		const commandListeners = new Set<(end: CommandEnd) => void>();
		const session = {
			...fakeSession(),
			onCommandEnd(listener: (end: CommandEnd) => void) {
				commandListeners.add(listener);
				return () => commandListeners.delete(listener);
			}
		};
		const ends: CommandEnd[] = [];
		const controller = new TerminalController(surface, (end) => ends.push(end));
		controller.attach(async () => session);
		await expect.poll(() => commandListeners.size).toBe(1);
		const failed = { command: 'npm test', exitCode: 1, output: 'FAIL' };
		for (const listener of commandListeners) listener(failed);
		expect(ends).toEqual([failed]);
		controller.attach(async () => fakeSession());
		expect(commandListeners.size).toBe(0);
	});
});
