import { createHash } from 'node:crypto';
import type { PrefixTrace } from './cache-floor';
import { serializePrompt, type PromptBlock } from './prompt-blocks';
import { SimClock } from './sim-clock';
import { TokenCounter } from './token-counter';

/**
 * Anthropic's prompt cache, simulated by its documented rules (docs/ARCHITECTURE.md,
 * "Context engineering"): a breakpoint's entry is keyed by the model and every block up to and
 * including it; a lookup checks back at most 20 blocks from each breakpoint for the longest
 * live entry; prefixes under the minimum are not cached; entries live 5 minutes (1 hour with
 * ttl "1h") after their last use; at most 4 breakpoints per request.
 */
export interface PromptCacheOptions {
	/** Smallest cacheable prefix in tokens (1,024 for Sonnet-class models). */
	minimumTokens?: number;
	/** Blocks a lookup checks back from each breakpoint (20). */
	lookbackBlocks?: number;
	/** Simulated time that passes with every request (default 10 s). */
	stepMs?: number;
	/** The clock; a fresh one starting at 0 by default. */
	clock?: SimClock;
	/** Requests with more input tokens than this are refused like the API ("prompt is too long"). */
	contextWindow?: number;
	/**
	 * How the simulated API counts a text's tokens (default: TokenCounter). Pass another to play
	 * a model whose tokenizer counts differently from the agent's estimate.
	 */
	countTokens?: (text: string) => number;
}

export const MAX_BREAKPOINTS = 4;

export interface CacheUsage {
	input_tokens: number;
	cache_creation_input_tokens: number;
	cache_read_input_tokens: number;
}

/** What one request did to the cache, for benchmarks and tests. */
export interface CacheAccount {
	/** The mock server's request sequence number, when known. */
	seq?: number;
	/** Simulated time of the request (ms). */
	atMs: number;
	model: string;
	usage: CacheUsage;
	/** input + creation + read: the whole prompt. */
	totalInputTokens: number;
	/** Block indexes (tools → system → messages, from 0) that carry cache_control. */
	breakpoints: number[];
	/** Index of the block the read prefix ends at, or -1 for no hit. */
	readThrough: number;
	/** Block indexes whose entries were written by this request. */
	written: number[];
	blocks: number;
}

export type CacheOutcome =
	| { ok: true; account: CacheAccount }
	| { ok: false; status: 400; errorType: 'invalid_request_error'; message: string };

interface Entry {
	expiresAtMs: number;
	ttlMs: number;
}

const DEFAULT_STEP_MS = 10_000;

export class PromptCacheSimulator {
	readonly clock: SimClock;
	readonly counter: { count(text: string): number };
	readonly #entries = new Map<string, Entry>();
	readonly #history: CacheAccount[] = [];
	readonly #refused: string[] = [];
	readonly #trace: PrefixTrace[] = [];
	readonly #minimumTokens: number;
	readonly #lookback: number;
	readonly #stepMs: number;
	readonly #contextWindow: number | undefined;

	constructor(options: PromptCacheOptions = {}) {
		this.clock = options.clock ?? new SimClock();
		this.#minimumTokens = options.minimumTokens ?? 1024;
		this.#lookback = options.lookbackBlocks ?? 20;
		this.#stepMs = options.stepMs ?? DEFAULT_STEP_MS;
		this.#contextWindow = options.contextWindow;
		const count = options.countTokens;
		this.counter = count
			? { count: (text) => (text === '' ? 0 : count(text)) }
			: new TokenCounter();
	}

	/** Every request accounted so far, oldest first. */
	history(): CacheAccount[] {
		return structuredClone(this.#history);
	}

	/** Why each refused request was refused (too many breakpoints, prompt too long), oldest first. */
	refusals(): string[] {
		return [...this.#refused];
	}

	/**
	 * Every accounted request's blocks as prefix keys and token counts, oldest first: what
	 * perfectCacheFloor needs to price the same prompts under a perfect cache.
	 */
	prefixTrace(): PrefixTrace[] {
		return this.#trace.map((entry) => ({
			...entry,
			keys: [...entry.keys],
			tokens: [...entry.tokens]
		}));
	}

	/** Live entries right now (expired ones are dropped first). */
	entryCount(): number {
		this.#dropExpired();
		return this.#entries.size;
	}

	/** Forgets every entry and the history; the clock keeps its time. */
	reset(): void {
		this.#entries.clear();
		this.#history.length = 0;
		this.#refused.length = 0;
		this.#trace.length = 0;
	}

	/**
	 * Accounts one Messages API request: moves the clock by the step (plus `pauseMs`), looks the
	 * prefix up, writes entries for breakpoints not found, and returns the usage to report.
	 */
	process(body: unknown, options: { pauseMs?: number; seq?: number } = {}): CacheOutcome {
		const prompt = serializePrompt(body);
		const breakpoints = prompt.blocks.flatMap((block, index) => (block.breakpoint ? [index] : []));
		const cumulative = this.#cumulativeTokens(prompt.blocks);
		const total = cumulative.at(-1) ?? 0;
		const refusal = this.#refusal(breakpoints.length, total);
		if (refusal) return refusal;

		this.clock.advance((options.pauseMs ?? 0) + this.#stepMs);
		this.#dropExpired();
		const keys = prefixKeys(prompt.model, prompt.messageSettings, prompt.blocks);

		let readThrough = -1;
		for (const breakpoint of breakpoints) {
			const hit = this.#longestEntry(keys, breakpoint);
			if (hit > readThrough) readThrough = hit;
		}
		// A hit refreshes the entry's lifetime for free.
		if (readThrough >= 0) this.#touch(keys[readThrough]!);

		const written: number[] = [];
		for (const breakpoint of breakpoints) {
			const key = keys[breakpoint]!;
			if (this.#entries.has(key)) {
				this.#touch(key);
				continue;
			}
			if (cumulative[breakpoint]! < this.#minimumTokens) continue;
			const ttlMs = prompt.blocks[breakpoint]!.breakpoint!.ttlMs;
			this.#entries.set(key, { ttlMs, expiresAtMs: this.clock.now() + ttlMs });
			written.push(breakpoint);
		}

		const read = readThrough >= 0 ? cumulative[readThrough]! : 0;
		const lastWritten = written.at(-1);
		const creation = lastWritten === undefined ? 0 : Math.max(0, cumulative[lastWritten]! - read);
		const account: CacheAccount = {
			...(options.seq === undefined ? {} : { seq: options.seq }),
			atMs: this.clock.now(),
			model: prompt.model,
			usage: {
				input_tokens: total - read - creation,
				cache_creation_input_tokens: creation,
				cache_read_input_tokens: read
			},
			totalInputTokens: total,
			breakpoints,
			readThrough,
			written,
			blocks: prompt.blocks.length
		};
		this.#history.push(account);
		this.#trace.push({
			atMs: account.atMs,
			keys,
			tokens: cumulative.map((sum, index) => sum - (cumulative[index - 1] ?? 0))
		});
		return { ok: true, account: structuredClone(account) };
	}

	/**
	 * Why the API would refuse this body before doing anything (too many breakpoints, longer
	 * than the window), or undefined. Touches no entry and not the clock, so a server can check
	 * before it uses a turn; a refusal is remembered for refusals().
	 */
	refusal(body: unknown): Extract<CacheOutcome, { ok: false }> | undefined {
		const prompt = serializePrompt(body);
		const breakpoints = prompt.blocks.filter((block) => block.breakpoint).length;
		const total = this.#cumulativeTokens(prompt.blocks).at(-1) ?? 0;
		const refusal = this.#refusal(breakpoints, total);
		if (refusal) this.#refused.push(refusal.message);
		return refusal;
	}

	#refusal(breakpoints: number, total: number): Extract<CacheOutcome, { ok: false }> | undefined {
		if (breakpoints > MAX_BREAKPOINTS) {
			return invalid(
				`A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`
			);
		}
		if (this.#contextWindow !== undefined && total > this.#contextWindow) {
			return invalid(`prompt is too long: ${total} tokens > ${this.#contextWindow} maximum`);
		}
		return undefined;
	}

	/** The furthest block in [breakpoint - lookback, breakpoint] with a live entry, or -1. */
	#longestEntry(keys: string[], breakpoint: number): number {
		const earliest = Math.max(0, breakpoint - this.#lookback);
		for (let index = breakpoint; index >= earliest; index--) {
			if (this.#entries.has(keys[index]!)) return index;
		}
		return -1;
	}

	#touch(key: string): void {
		const entry = this.#entries.get(key);
		if (entry) entry.expiresAtMs = this.clock.now() + entry.ttlMs;
	}

	#dropExpired(): void {
		const now = this.clock.now();
		for (const [key, entry] of this.#entries) {
			if (entry.expiresAtMs <= now) this.#entries.delete(key);
		}
	}

	#cumulativeTokens(blocks: PromptBlock[]): number[] {
		let sum = 0;
		return blocks.map((block) => (sum += this.counter.count(block.text)));
	}
}

function invalid(message: string): Extract<CacheOutcome, { ok: false }> {
	return { ok: false, status: 400, errorType: 'invalid_request_error', message };
}

/**
 * One key per block: a hash chained over the model and every block so far, so a key names its
 * whole prefix. The request settings that invalidate messages join the chain where they start.
 */
function prefixKeys(model: string, messageSettings: string, blocks: PromptBlock[]): string[] {
	let chain = hash(`model:${model}`);
	let inMessages = false;
	return blocks.map((block) => {
		if (block.section === 'messages' && !inMessages) {
			inMessages = true;
			chain = hash(`${chain}\0settings:${messageSettings}`);
		}
		chain = hash(`${chain}\0${block.section}:${block.identity}`);
		return chain;
	});
}

function hash(text: string): string {
	return createHash('sha256').update(text).digest('base64');
}
