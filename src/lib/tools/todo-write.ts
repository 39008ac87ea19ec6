import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import type { TodoItem } from './types';

const parameters = z.strictObject({
	todos: described(
		z.array(
			z.strictObject({
				content: described(
					z.string().check(z.trim(), z.minLength(1)),
					'What to do, as a short imperative sentence.'
				),
				status: z.enum(['pending', 'in_progress', 'completed'])
			})
		),
		'The whole list, in order: it replaces the previous one.'
	)
});

export const todoWriteTool = defineTool({
	name: 'todo_write',
	description: `Records your plan for the current task as a todo list, shown live to the person.

- Use it for work with several steps; skip it for a single quick change.
- Send the whole list each time: it replaces the previous one.
- Keep exactly one item "in_progress" while you work; mark items "completed" as soon as they are done, not in batches.`,
	parameters,
	readOnly: false,
	summarize: (args) => `${args.todos.length} ${args.todos.length === 1 ? 'item' : 'items'}`,
	async execute(args, ctx) {
		const todos: TodoItem[] = args.todos.map((todo) => ({
			content: todo.content,
			status: todo.status
		}));
		ctx.onTodos?.(todos);
		const count = (status: TodoItem['status']) => todos.filter((t) => t.status === status).length;
		const current = todos.find((todo) => todo.status === 'in_progress');
		const parts = [
			`${count('completed')} completed`,
			`${count('in_progress')} in progress`,
			`${count('pending')} pending`
		];
		const output =
			todos.length === 0
				? 'Todo list cleared.'
				: `Todo list updated: ${parts.join(', ')}.${current ? ` Now: ${current.content}` : ''}`;
		return { ok: true, output, metadata: { todos } };
	}
});
