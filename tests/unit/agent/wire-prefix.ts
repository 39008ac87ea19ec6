/**
 * The prompt-cache view of a request body as the server received it: every cacheable block in
 * cache order (tools → system → messages), with its cache marker taken off (markers move by
 * design; the bytes they cover must not). Anthropic keys an entry by everything up to and
 * including a marked block.
 */
type Json = Record<string, unknown>;

export interface WireBlock {
	/** Layer, message index and role, and the block's JSON without cache_control. */
	readonly key: string;
	readonly marked: boolean;
}

export function anthropicBlocks(body: Json): WireBlock[] {
	const out: WireBlock[] = [];
	const push = (where: string, block: Json) => {
		const { cache_control: marker, ...rest } = block;
		out.push({ key: `${where} ${JSON.stringify(rest)}`, marked: marker !== undefined });
	};
	for (const tool of (body.tools as Json[] | undefined) ?? []) push('tool', tool);
	for (const block of (body.system as Json[] | undefined) ?? []) push('system', block);
	(body.messages as Json[]).forEach((message, index) => {
		for (const block of message.content as Json[])
			push(`${index}:${message.role as string}`, block);
	});
	return out;
}

/** Positions of the breakpoints. */
export function breakpoints(blocks: readonly WireBlock[]): number[] {
	return blocks.flatMap((block, index) => (block.marked ? [index] : []));
}

/** How many leading blocks two requests share, byte for byte. */
export function commonPrefix(a: readonly WireBlock[], b: readonly WireBlock[]): number {
	let i = 0;
	while (i < a.length && i < b.length && a[i]!.key === b[i]!.key) i++;
	return i;
}

/**
 * The breakpoints of `previous` whose cached prefix `next` can read: the bytes up to them are
 * identical in `next`, and `next` marks that block too or has a breakpoint within the API's
 * 20-block lookback after it.
 */
export function readableBreakpoints(previous: readonly WireBlock[], next: readonly WireBlock[]) {
	const shared = commonPrefix(previous, next);
	const nextMarks = breakpoints(next);
	return breakpoints(previous).filter(
		(position) =>
			position < shared && nextMarks.some((mark) => mark >= position && mark - position <= 20)
	);
}

/** Index of the system block that holds the session context (the second system block). */
export function sessionBreakpoint(blocks: readonly WireBlock[]): number {
	const systems = blocks.flatMap((block, index) =>
		block.key.startsWith('system ') ? [index] : []
	);
	return systems.at(-1)!;
}
