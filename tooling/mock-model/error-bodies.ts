// Error bodies shaped as each API sends them, so the SDKs build their typed errors from them.

interface CatalogEntry {
	anthropicType: string;
	anthropicMessage: string;
	openaiType: string;
	openaiCode: string | null;
	openaiMessage: string;
}

const catalog: Record<number, CatalogEntry> = {
	400: {
		anthropicType: 'invalid_request_error',
		anthropicMessage: 'prompt is too long: 215000 tokens > 200000 maximum',
		openaiType: 'invalid_request_error',
		openaiCode: 'context_length_exceeded',
		openaiMessage:
			"This model's maximum context length is 128000 tokens. However, your messages resulted in 135000 tokens. Please reduce the length of the messages."
	},
	401: {
		anthropicType: 'authentication_error',
		anthropicMessage: 'invalid x-api-key',
		openaiType: 'invalid_request_error',
		openaiCode: 'invalid_api_key',
		openaiMessage: 'Incorrect API key provided. You can find your API key in your account settings.'
	},
	403: {
		anthropicType: 'permission_error',
		anthropicMessage: 'Your API key does not have permission to use the specified resource.',
		openaiType: 'invalid_request_error',
		openaiCode: 'model_not_found',
		openaiMessage: 'You are not allowed to use this model.'
	},
	404: {
		anthropicType: 'not_found_error',
		anthropicMessage: 'The requested resource could not be found.',
		openaiType: 'invalid_request_error',
		openaiCode: 'model_not_found',
		openaiMessage: 'The model does not exist or you do not have access to it.'
	},
	413: {
		anthropicType: 'request_too_large',
		anthropicMessage: 'Request exceeds the maximum allowed number of bytes.',
		openaiType: 'invalid_request_error',
		openaiCode: null,
		openaiMessage: 'Request too large.'
	},
	429: {
		anthropicType: 'rate_limit_error',
		anthropicMessage: 'Number of request tokens has exceeded your per-minute rate limit.',
		openaiType: 'requests',
		openaiCode: 'rate_limit_exceeded',
		openaiMessage: 'Rate limit reached for requests. Please try again later.'
	},
	500: {
		anthropicType: 'api_error',
		anthropicMessage: 'Internal server error',
		openaiType: 'server_error',
		openaiCode: null,
		openaiMessage: 'The server had an error while processing your request. Sorry about that!'
	},
	529: {
		anthropicType: 'overloaded_error',
		anthropicMessage: 'Overloaded',
		openaiType: 'server_error',
		openaiCode: 'overloaded',
		openaiMessage: 'The engine is currently overloaded, please try again later.'
	}
};

function entryFor(status: number): CatalogEntry {
	const known = catalog[status];
	if (known) return known;
	const fallback = status >= 500 ? catalog[500] : catalog[400];
	return {
		...(fallback as CatalogEntry),
		anthropicMessage: `HTTP ${status}`,
		openaiMessage: `HTTP ${status}`,
		openaiCode: null
	};
}

export interface ErrorOverrides {
	message?: string | undefined;
	errorType?: string | undefined;
	code?: string | undefined;
}

export function anthropicErrorBody(status: number, overrides: ErrorOverrides = {}) {
	const entry = entryFor(status);
	return {
		type: 'error',
		error: {
			type: overrides.errorType ?? entry.anthropicType,
			message: overrides.message ?? entry.anthropicMessage
		}
	};
}

export function openaiErrorBody(status: number, overrides: ErrorOverrides = {}) {
	const entry = entryFor(status);
	return {
		error: {
			message: overrides.message ?? entry.openaiMessage,
			type: overrides.errorType ?? entry.openaiType,
			param: null,
			code: overrides.code ?? entry.openaiCode
		}
	};
}

/** The error a stream carries mid-way: Anthropic's overloaded_error is what the API really sends. */
export function anthropicStreamErrorBody(overrides: ErrorOverrides = {}) {
	return anthropicErrorBody(529, overrides);
}

export function openaiStreamErrorBody(overrides: ErrorOverrides = {}) {
	return openaiErrorBody(500, overrides);
}
