// Modules that Vite plugins in tooling/ make up at build time.

/** The preview bridge as built for the preview origin (/__kiln/bridge.js), as source text. */
declare module 'virtual:kiln-preview-bridge' {
	const source: string;
	export default source;
}

/** Every [pattern, flags] marked's module body passes to `new RegExp` (tooling/regexes-ahead.ts). */
declare module 'virtual:kiln-marked-regexes' {
	const sources: readonly import('$lib/runtime').RegexSource[];
	export default sources;
}

/** The same for gpt-tokenizer's encoder (tooling/regexes-ahead.ts). */
declare module 'virtual:kiln-tokenizer-regexes' {
	const sources: readonly import('$lib/runtime').RegexSource[];
	export default sources;
}
