import {
	abortedError,
	classifyHttpFailure,
	networkError,
	type FixWording,
	type HttpFailure
} from './errors';
import { ProviderError } from './provider-error';
import type { ProviderId } from './types';
import { messageOf } from '../errors';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The three error classes both SDKs export under the same names. Passed in rather than
 * imported so this module loads neither SDK.
 */
export interface SdkErrorClasses {
	APIError: ErrorClass;
	APIConnectionError: ErrorClass;
	APIUserAbortError: ErrorClass;
}

export interface ErrorContext {
	provider: ProviderId;
	baseUrl: string;
	signal?: AbortSignal;
	/** 'stream': the response had started, so a failed connection dropped (it was no CORS). */
	phase?: 'connect' | 'stream';
	/** Where the person fixes settings (the app's Settings by default). */
	wording?: FixWording;
}

/** Fields both SDKs' APIError carry (Anthropic adds type/apiMessage, OpenAI code). */
interface ApiErrorShape {
	status?: number;
	headers?: Headers;
	error?: unknown;
	type?: string | null;
	code?: string | number | null;
	apiMessage?: string | null;
	message: string;
}

/** Any failure from an SDK call or its stream, as the one error type callers handle. */
export function toProviderError(
	error: unknown,
	sdk: SdkErrorClasses,
	context: ErrorContext
): ProviderError {
	if (error instanceof ProviderError) return error;
	if (
		context.signal?.aborted ||
		error instanceof sdk.APIUserAbortError ||
		(error instanceof Error && error.name === 'AbortError')
	) {
		return abortedError(context.provider);
	}
	// Checked before APIError: the connection errors subclass it.
	if (error instanceof sdk.APIConnectionError) {
		return networkError(context.provider, context.baseUrl, { ...context, cause: error });
	}
	if (error instanceof sdk.APIError) {
		const failure = describeApiError(error as unknown as ApiErrorShape);
		const mapped = classifyHttpFailure(failure, context.provider, context.wording);
		return new ProviderError(mapped.kind, mapped.message, {
			status: mapped.status,
			retryAfterMs: mapped.retryAfterMs,
			retryable: mapped.retryable,
			provider: context.provider,
			cause: error
		});
	}
	if (error instanceof SyntaxError) {
		return new ProviderError(
			'server',
			`The server at ${context.baseUrl} sent a response Kiln could not read (${error.message}). Check the Base URL points at a compatible API.`,
			{ provider: context.provider, cause: error }
		);
	}
	// A body read that fails mid-stream (socket closed, "terminated") is a plain TypeError.
	if (error instanceof TypeError) {
		return networkError(context.provider, context.baseUrl, { ...context, cause: error });
	}
	const message = messageOf(error);
	return new ProviderError(
		'bad_request',
		`The request could not be made: ${message}. Check the provider settings.`,
		{ provider: context.provider, cause: error }
	);
}

function describeApiError(error: ApiErrorShape): HttpFailure {
	const body = asRecord(error.error);
	// Anthropic's body is {type: 'error', error: {type, message}}; OpenAI's SDK already unwrapped it.
	const inner = asRecord(body?.['error']) ?? body;
	const innerMessage = typeof inner?.['message'] === 'string' ? inner['message'] : undefined;
	const innerType = typeof inner?.['type'] === 'string' ? inner['type'] : undefined;
	const innerCode = inner?.['code'];
	return {
		status: error.status ?? undefined,
		headers: error.headers,
		type: error.type ?? innerType ?? null,
		code:
			error.code ??
			(typeof innerCode === 'string' || typeof innerCode === 'number' ? innerCode : null),
		apiMessage: error.apiMessage ?? innerMessage ?? null
	};
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object'
		? (value as Record<string, unknown>)
		: undefined;
}
