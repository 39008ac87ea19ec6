import { describe, expect, it } from 'vitest';
import { pickDefaultModel } from '../../../src/lib/providers';

describe('pickDefaultModel', () => {
	it('suggests the provider’s current model when there is no list', () => {
		expect(pickDefaultModel('anthropic', [])).toBe('claude-sonnet-5');
		expect(pickDefaultModel('openai', [])).toBe('gpt-5.4');
	});

	it('keeps the person’s choice when the list has it, or when there is no list', () => {
		expect(pickDefaultModel('anthropic', [], 'claude-opus-5')).toBe('claude-opus-5');
		expect(pickDefaultModel('ollama', ['a', 'b'], 'b')).toBe('b');
	});

	it('prefers the provider’s default among listed models', () => {
		expect(pickDefaultModel('anthropic', ['claude-haiku-5-5', 'claude-sonnet-5'])).toBe(
			'claude-sonnet-5'
		);
	});

	it('picks a coding model on a local server, never an embedding model', () => {
		expect(pickDefaultModel('ollama', ['nomic-embed-text', 'llama3.2', 'qwen2.5-coder:7b'])).toBe(
			'qwen2.5-coder:7b'
		);
		expect(pickDefaultModel('lmstudio', ['text-embedding-nomic', 'gemma-3-12b'])).toBe(
			'gemma-3-12b'
		);
	});

	it('replaces a model the server no longer has', () => {
		expect(pickDefaultModel('ollama', ['llama3.2'], 'gone:latest')).toBe('llama3.2');
	});

	it('leaves the field empty when a local server offers nothing to chat with', () => {
		expect(pickDefaultModel('ollama', [])).toBe('');
		expect(pickDefaultModel('ollama', ['nomic-embed-text'])).toBe('');
	});
});
