import { describe, expect, it } from 'vitest';
import {
	parseSessionDocument,
	SessionDocumentError,
	sessionToJson,
	sessionToMarkdown
} from '../../../src/lib/share';
import { sampleEvents } from './session-fixture';

const source = { title: 'Blue heading', createdAt: Date.UTC(2026, 0, 2), events: sampleEvents() };

describe('session document', () => {
	it('round-trips through JSON unchanged', () => {
		const document = parseSessionDocument(sessionToJson({ ...source, model: 'claude-test' }));
		expect(document).toMatchObject({ format: 'kiln-session', version: 1, title: 'Blue heading' });
		expect(document.model).toBe('claude-test');
		expect(document.events).toEqual(source.events);
	});

	it('accepts an already parsed value', () => {
		const value: unknown = JSON.parse(sessionToJson(source));
		expect(parseSessionDocument(value).events).toHaveLength(source.events.length);
	});

	it.each([
		['not JSON', '{"format": ', /not valid JSON/],
		['another format', JSON.stringify({ format: 'other' }), /does not say format "kiln-session"/],
		['a number', 42, /does not say format/],
		[
			'a newer version',
			JSON.stringify({ ...JSON.parse(sessionToJson(source)), version: 2 }),
			/newer Kiln/
		],
		[
			'events that are not a list',
			JSON.stringify({ ...JSON.parse(sessionToJson(source)), events: {} }),
			/events/
		],
		[
			'a bad event',
			JSON.stringify({
				...JSON.parse(sessionToJson(source)),
				events: [sampleEvents()[0], { type: 'user-message', id: 'x', at: 'soon', text: 'hi' }]
			}),
			/event 2 of 2 .*at/
		]
	])('refuses %s with a clear message', (_name, input, message) => {
		expect(() => parseSessionDocument(input)).toThrow(SessionDocumentError);
		expect(() => parseSessionDocument(input)).toThrow(message);
	});

	it('renders readable Markdown with tool calls and summarised results', () => {
		const markdown = sessionToMarkdown(source);
		expect(markdown).toMatch(/^# Blue heading\n/);
		expect(markdown).toContain('## You\n\nMake the heading ```blue```, ünïcode ✓');
		expect(markdown).toContain('## Assistant\n\nReading the page first.');
		expect(markdown).toContain('**Tool call `read`**');
		expect(markdown).toContain('"path": "index.html"');
		expect(markdown).toContain('line 20\n… 10 more lines');
		expect(markdown).not.toContain('line 21');
		expect(markdown).toContain('Done: it is blue now.');
	});

	it('fences tool output so backticks inside cannot close the block', () => {
		const events = sampleEvents().map((event) =>
			event.type === 'tool-result' ? { ...event, output: 'a\n```\nb' } : event
		);
		const markdown = sessionToMarkdown({ ...source, events });
		expect(markdown).toContain('````text\na\n```\nb\n````');
	});
});
