/**
 * The error every provider call throws, on its own: the IDE's first paint needs the class (to tell
 * a provider's failure from others) but not errors.ts's classification of HTTP failures and
 * their wording, which only the agent's chunk uses.
 */
import type { ProviderId } from './types';

export type ProviderErrorKind =
	| 'rate_limit'
	| 'overloaded'
	| 'context_overflow'
	| 'auth'
	| 'network'
	/** The stream stayed silent past the idle timeout and was cut. */
	| 'timeout'
	| 'bad_request'
	| 'server'
	| 'aborted';

const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
	'rate_limit',
	'overloaded',
	'network',
	'timeout',
	'server'
]);

export interface ProviderErrorOptions {
	status?: number;
	retryAfterMs?: number;
	/** Defaults to what the kind implies. */
	retryable?: boolean;
	afterOutput?: boolean;
	provider?: ProviderId;
	cause?: unknown;
}

/** The one error every provider call throws. Its message says what to do next. */
export class ProviderError extends Error {
	override readonly name = 'ProviderError';
	readonly kind: ProviderErrorKind;
	readonly status?: number;
	readonly retryAfterMs?: number;
	readonly retryable: boolean;
	/**
	 * The stream had already yielded events when it failed. Retrying would repeat output the
	 * loop has already shown and stored, so only the loop may decide to (see canRetry).
	 */
	readonly afterOutput: boolean;
	readonly provider?: ProviderId;

	constructor(kind: ProviderErrorKind, message: string, options: ProviderErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.kind = kind;
		this.status = options.status;
		this.retryAfterMs = options.retryAfterMs;
		this.retryable = options.retryable ?? RETRYABLE_KINDS.has(kind);
		this.afterOutput = options.afterOutput ?? false;
		this.provider = options.provider;
	}

	/** The same error, marked as having happened after the stream yielded events. */
	withAfterOutput(): ProviderError {
		if (this.afterOutput) return this;
		return this.with({ afterOutput: true });
	}

	/** A copy with some fields replaced (e.g. a note on why Kiln stopped retrying). */
	with(changes: Partial<ProviderErrorOptions> & { message?: string }): ProviderError {
		return new ProviderError(this.kind, changes.message ?? this.message, {
			status: this.status,
			retryAfterMs: this.retryAfterMs,
			retryable: this.retryable,
			afterOutput: this.afterOutput,
			provider: this.provider,
			cause: this.cause,
			...changes
		});
	}
}

export function isProviderError(value: unknown): value is ProviderError {
	return value instanceof ProviderError;
}
