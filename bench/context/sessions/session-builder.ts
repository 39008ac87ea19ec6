/**
 * Writes a scripted session step by step while keeping a copy of the project's files, so each
 * scripted edit is checked against the content it will meet at replay time (an edit whose
 * old_string would not match is a bug in the session, caught here rather than as a tool error).
 */
import { generateProject, type ProjectOptions } from '../fixture/generate-project';
import type { BenchSession, ScriptedCall, ScriptedTurn } from './types';

export class SessionBuilder {
	readonly files: Record<string, string>;
	readonly #turns: ScriptedTurn[] = [];
	readonly #id: string;
	readonly #title: string;
	readonly #fixture: ProjectOptions;

	constructor(id: string, title: string, fixture: ProjectOptions = {}) {
		this.#id = id;
		this.#title = title;
		this.#fixture = fixture;
		this.files = generateProject(fixture);
	}

	/** Starts a user turn. */
	user(prompt: string, pauseMs = 30_000): this {
		this.#turns.push({ prompt, pauseMs, steps: [] });
		return this;
	}

	/** A model step with tool calls. */
	step(text: string, ...calls: ScriptedCall[]): this {
		this.#current().steps.push({ text, calls });
		return this;
	}

	/** The model's final answer for the turn (a step without calls). */
	answer(text: string): this {
		this.#current().steps.push({ text, calls: [] });
		return this;
	}

	read(path: string, extra: { offset?: number; limit?: number } = {}): ScriptedCall {
		this.#text(path);
		return { name: 'read', input: { path, ...extra } };
	}

	grep(pattern: string, options: Record<string, unknown> = {}): ScriptedCall {
		return { name: 'grep', input: { pattern, ...options } };
	}

	glob(pattern: string, path?: string): ScriptedCall {
		return { name: 'glob', input: path ? { pattern, path } : { pattern } };
	}

	list(path?: string): ScriptedCall {
		return { name: 'list', input: path ? { path } : {} };
	}

	bash(command: string): ScriptedCall {
		return { name: 'bash', input: { command } };
	}

	todo(items: string[], done = 0): ScriptedCall {
		const todos = items.map((content, index) => ({
			content,
			status: index < done ? 'completed' : index === done ? 'in_progress' : 'pending'
		}));
		return { name: 'todo_write', input: { todos } };
	}

	write(path: string, content: string): ScriptedCall {
		this.files[path] = content;
		return { name: 'write', input: { path, content } };
	}

	edit(path: string, oldString: string, newString: string, replaceAll = false): ScriptedCall {
		const text = this.#text(path);
		const count = text.split(oldString).length - 1;
		if (count === 0 || (count > 1 && !replaceAll)) {
			throw new Error(
				`Session ${this.#id}: edit of ${path} would fail at replay (old_string occurs ${count} times): ${JSON.stringify(oldString.slice(0, 80))}`
			);
		}
		this.files[path] = replaceAll
			? text.split(oldString).join(newString)
			: text.replace(oldString, () => newString);
		return {
			name: 'edit',
			input: {
				path,
				old_string: oldString,
				new_string: newString,
				...(replaceAll ? { replace_all: true } : {})
			}
		};
	}

	build(): BenchSession {
		return { id: this.#id, title: this.#title, fixture: this.#fixture, turns: this.#turns };
	}

	#current(): ScriptedTurn {
		const turn = this.#turns.at(-1);
		if (!turn) throw new Error(`Session ${this.#id}: call user() before adding steps.`);
		return turn;
	}

	#text(path: string): string {
		const text = this.files[path];
		if (text === undefined) throw new Error(`Session ${this.#id}: ${path} is not in the project.`);
		return text;
	}
}
