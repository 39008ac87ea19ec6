import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Prec, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { oneDarkHighlightStyle, oneDarkTheme } from '@codemirror/theme-one-dark';

export type ColorScheme = 'dark' | 'light';

/** Layout shared by both schemes: fill the pane, use the app's code font, keep focus visible. */
const layout = EditorView.theme({
	'&': { height: '100%', fontSize: '13px' },
	'.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, monospace)', overflow: 'auto' },
	'&.cm-focused': { outline: '2px solid var(--accent, #4c9aff)', outlineOffset: '-2px' },
	'.cm-panels input, .cm-panels button': { fontSize: '13px' }
});

/**
 * A highlight style with some colours swapped: the stock styles keep their mapping of tokens to
 * colours, but a few of their colours fall under WCAG AA's 4.5:1 on the editor's backgrounds
 * (the active line, the diff's tinted lines).
 */
function recoloured(style: HighlightStyle, swaps: Record<string, string>): HighlightStyle {
	return HighlightStyle.define(
		style.specs.map((spec) =>
			typeof spec.color === 'string' && swaps[spec.color]
				? { ...spec, color: swaps[spec.color] }
				: spec
		)
	);
}

/**
 * One Dark, with its line numbers, comments (stone, 3.86:1), red tokens (coral, 4.38:1) and
 * keywords (violet, 4.43:1 on the active line) brightened to at least 4.9:1.
 */
const dark = [
	oneDarkTheme,
	// Above One Dark's own rule for the gutters, whatever the order the two are mounted in.
	Prec.highest(EditorView.theme({ '.cm-gutters': { color: '#9aa3b2' } }, { dark: true })),
	syntaxHighlighting(
		recoloured(oneDarkHighlightStyle, {
			'#7d8799': '#9aa3b2',
			'#e06c75': '#ef7f87',
			'#c678dd': '#d08be6'
		})
	)
];

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
	// The default style's orange (#e40, 3.8:1), green (#085, 4.2:1 on a tinted line) and red
	// (#f00, 4:1) darkened.
	syntaxHighlighting(
		recoloured(defaultHighlightStyle, { '#e40': '#b43c00', '#085': '#00704a', '#f00': '#c00' })
	)
];

export function themeFor(scheme: ColorScheme): Extension {
	return [layout, scheme === 'dark' ? dark : light];
}

/** The scheme the system asks for; dark where it cannot tell (the app is dark by default). */
export function systemColorScheme(): ColorScheme {
	if (typeof matchMedia !== 'function') return 'dark';
	return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}
