/**
 * The texts the chat measure streams and seeds: Markdown shaped like real answers (headings,
 * paragraphs, lists, code, a table), so rendering costs what it costs for a person.
 */

/** One section of a long answer; `n` makes each one different. */
function section(n: number): string {
	return [
		`## Step ${n}: update the module`,
		'',
		`The change in step ${n} touches \`src/lib/module-${n}.ts\` and keeps the public API as it is. ` +
			'It reads the configuration once, validates it, and hands the result to the caller; a ' +
			'**missing** value falls back to the default, an _invalid_ one is reported with its path.',
		'',
		`- read \`config-${n}.json\` and parse it`,
		'- check every field against the schema',
		`- return [the result](https://example.com/docs/${n}) or a clear error`,
		'',
		'```ts',
		`export function load${n}(text: string): Config {`,
		'\tconst value = JSON.parse(text);',
		`\treturn schema${n}.parse(value);`,
		'}',
		'```',
		'',
		'| Field | Type | Default |',
		'| ----- | ---- | ------- |',
		`| name${n} | string | "" |`,
		'',
		''
	].join('\n');
}

/** A Markdown answer of at least `chars` characters, ending with `end` so a page can wait for it. */
export function longAnswer(chars: number, end: string): string {
	let text = '# The plan\n\n';
	for (let n = 1; text.length < chars - end.length - 2; n++) text += section(n);
	return `${text}${end}\n`;
}

/** The person's message of turn `n` in the seeded session. */
export function seededQuestion(n: number): string {
	return `Question ${n}: how do I change module ${n} so that it validates its configuration?`;
}

/** The assistant's answer of turn `n` in the seeded session (about 600 characters). */
export function seededAnswer(n: number): string {
	return [
		`Answer ${n}. Here is what to change in \`src/lib/module-${n}.ts\`:`,
		'',
		'- read the file once and **validate** it',
		'- report an _invalid_ field with its path',
		`- see [the docs](https://example.com/docs/${n})`,
		'',
		...(n % 3 === 0
			? ['```ts', `export const value${n} = load(text);`, '```', '']
			: ['1. first the schema', '2. then the loader', '']),
		`That keeps the API of module ${n} unchanged, and the tests in \`tests/module-${n}.test.ts\` ` +
			'keep passing because the default values did not move.'
	].join('\n');
}
