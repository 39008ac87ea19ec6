import { describe, expect, it } from 'vitest';
import {
	ChatInbox,
	isFixable,
	isFixableCommand,
	loadFixMessages,
	placeIncoming
} from '$lib/state/fix-with-kiln';
import type { PreviewLogEntry } from '$lib/tools';

const { previewErrorMessage, terminalFailureMessage } = await loadFixMessages();

const uncaught: PreviewLogEntry = {
	kind: 'error',
	level: 'error',
	text: 'Uncaught TypeError: boom is not a function',
	stack: Array.from({ length: 40 }, (_, i) => `    at frame${i} (src/app.js:${i + 1}:5)`).join(
		'\n'
	),
	source: { path: 'src/app.js', line: 12, column: 5 },
	at: 1
};

describe('the Fix with Kiln message for a preview error', () => {
	it('says what happened, the message, where, and the top of the stack', () => {
		const message = previewErrorMessage(uncaught);
		expect(message).toContain('The preview page reported an uncaught error.');
		expect(message).toContain('Uncaught TypeError: boom is not a function');
		expect(message).toContain('Source: src/app.js:12:5');
		expect(message).toContain('at frame0 (src/app.js:1:5)');
		expect(message).toContain('at frame14 ');
		expect(message).not.toContain('at frame15 ');
		expect(message).toContain('… (25 more lines)');
	});

	it('names the URL and status of a failed request', () => {
		const failed: PreviewLogEntry = {
			kind: 'request-failed',
			level: 'error',
			text: 'GET /data.json failed',
			url: 'https://preview.example/preview/p1/data.json',
			status: 404,
			at: 1
		};
		expect(previewErrorMessage(failed)).toContain(
			'URL: https://preview.example/preview/p1/data.json (HTTP 404)'
		);
		expect(previewErrorMessage({ ...failed, status: 0 })).toContain('(network error)');
	});

	it('bounds a huge message and keeps backticks from closing its fence', () => {
		const text = '```' + 'x'.repeat(10_000);
		const message = previewErrorMessage({ kind: 'console', level: 'error', text, at: 1 });
		expect(message.length).toBeLessThan(2_500);
		expect(message).toContain('more characters)');
		expect(message).toContain('````\n```x');
	});

	it('is offered on errors only', () => {
		expect(isFixable(uncaught)).toBe(true);
		expect(isFixable({ ...uncaught, level: 'warn' })).toBe(false);
	});
});

describe('the Fix with Kiln message for a failed terminal command', () => {
	it('names the command and exit code and keeps the end of the output, without colours', () => {
		const output = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\r\n');
		const message = terminalFailureMessage({
			command: 'npm test',
			exitCode: 1,
			output: `\x1b[31m${output}\x1b[0m\r\n`
		});
		expect(message).toContain('failed in the terminal with exit code 1');
		expect(message).toContain('```sh\nnpm test\n```');
		expect(message).toContain('line 99');
		expect(message).toContain('line 60');
		expect(message).not.toContain('line 59\n');
		expect(message).toContain('… (60 more lines)');
		expect(message).not.toContain('\x1b');
		expect(message).not.toContain('\r');
	});

	it('says so when the command printed nothing', () => {
		expect(terminalFailureMessage({ command: 'false', exitCode: 1, output: '' })).toContain(
			'It printed nothing.'
		);
	});

	it('is offered for a failure, not for success or Ctrl+C', () => {
		expect(isFixableCommand({ command: 'x', exitCode: 2, output: '' })).toBe(true);
		expect(isFixableCommand({ command: 'x', exitCode: 0, output: '' })).toBe(false);
		expect(isFixableCommand({ command: 'x', exitCode: 130, output: '' })).toBe(false);
	});
});

describe('handing the message to the chat', () => {
	it('sends when Kiln is idle and the message box is empty', () => {
		expect(placeIncoming('fix it', '', false)).toEqual({ draft: 'fix it', action: 'send' });
	});

	it('queues it behind a running turn', () => {
		expect(placeIncoming('fix it', '  ', true)).toEqual({ draft: 'fix it', action: 'queue' });
	});

	it('adds it to what the person is writing instead of replacing or sending it', () => {
		expect(placeIncoming('fix it', 'my note\n', false)).toEqual({
			draft: 'my note\n\nfix it',
			action: 'draft'
		});
		expect(placeIncoming('fix it', 'my note', true).action).toBe('draft');
	});

	it('keeps messages offered before the chat takes them, as one message', () => {
		const inbox = new ChatInbox();
		inbox.offer('first');
		inbox.offer('second');
		expect(inbox.take()).toBe('first\n\nsecond');
		expect(inbox.pending).toEqual([]);
	});
});
