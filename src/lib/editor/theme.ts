import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { oneDark } from '@codemirror/theme-one-dark';

export type ColorScheme = 'dark' | 'light';

/** Layout shared by both schemes: fill the pane, use the app's code font, keep focus visible. */
const layout = EditorView.theme({
	'&': { height: '100%', fontSize: '13px' },
	'.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, monospace)', overflow: 'auto' },
	'&.cm-focused': { outline: '2px solid var(--accent, #4c9aff)', outlineOffset: '-2px' },
	'.cm-panels input, .cm-panels button': { fontSize: '13px' }
});

/** A calm light scheme for people whose system asks for one; colours meet WCAG AA on white. */
const light = [
	EditorView.theme(
		{
			'&': { color: '#1f2328', backgroundColor: '#ffffff' },
			'.cm-content': { caretColor: '#1f2328' },
			'.cm-cursor, .cm-dropCursor': { borderLeftColor: '#1f2328' },
			'&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
				{ backgroundColor: '#b6d7ff' },
			'.cm-activeLine': { backgroundColor: '#f3f6fa' },
			'.cm-gutters': {
				backgroundColor: '#f6f8fa',
				color: '#57606a',
				borderRight: '1px solid #d0d7de'
			},
			'.cm-activeLineGutter': { backgroundColor: '#eaeef2' },
			'.cm-panels': { backgroundColor: '#f6f8fa', color: '#1f2328' }
		},
		{ dark: false }
	),
	syntaxHighlighting(defaultHighlightStyle)
];

export function themeFor(scheme: ColorScheme): Extension {
	return [layout, scheme === 'dark' ? oneDark : light];
}

/** The scheme the system asks for; dark where it cannot tell (the app is dark by default). */
export function systemColorScheme(): ColorScheme {
	if (typeof matchMedia !== 'function') return 'dark';
	return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}
