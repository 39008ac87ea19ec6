/**
 * Where the CLI writes. Every line passes through one place so that secrets (the API key) are
 * scrubbed whatever produced the text: an SDK error message, a tool output, a stack trace.
 */
export interface CliOutput {
	/** What the command produces (tool output, the run log). */
	out(text: string): void;
	/** Diagnostics: usage errors, failures of the CLI itself. */
	err(text: string): void;
	/** Replaces every later occurrence of `secret` in written text with a marker. */
	addSecret(secret: string): void;
	/** Scrubs known secrets from text that leaves the process another way (the --json file). */
	redact(text: string): string;
}

export const REDACTED_SECRET = '[REDACTED]';

export function createCliOutput(
	stdout: (text: string) => void = (text) => void process.stdout.write(text),
	stderr: (text: string) => void = (text) => void process.stderr.write(text)
): CliOutput {
	const secrets = new Set<string>();
	const redact = (text: string) => {
		let clean = text;
		for (const secret of secrets) clean = clean.split(secret).join(REDACTED_SECRET);
		return clean;
	};
	return {
		out: (text) => stdout(redact(text)),
		err: (text) => stderr(redact(text)),
		// Very short values would blank out ordinary words; real keys are long.
		addSecret: (secret) => {
			if (secret.length >= 8) secrets.add(secret);
		},
		redact
	};
}
