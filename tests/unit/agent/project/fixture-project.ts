/**
 * A small but realistic web project: a Vite + TypeScript app with a page, styles, docs, tests,
 * an ignored build folder and node_modules. Used by the project map and user-edit tests.
 */
export const fixtureProject: Record<string, string> = {
	'package.json': JSON.stringify(
		{
			name: 'todo-garden',
			version: '1.0.0',
			type: 'module',
			scripts: {
				dev: 'vite',
				build: 'tsc && vite build',
				test: 'vitest run',
				serve: 'node server.js'
			},
			dependencies: { 'date-fns': '^4.1.0', nanoid: '^5.0.7' },
			devDependencies: { typescript: '~5.9.0', vite: '^7.3.0', vitest: '^4.1.0' }
		},
		null,
		'\t'
	),
	'.gitignore': 'dist/\n*.log\n',
	'README.md':
		'# Todo Garden\n\nA tiny todo app.\n\n## Getting started\n\nRun `npm run dev`.\n\n```sh\n# not a heading\n```\n\n## Architecture\n',
	'index.html': `<!doctype html>
<html lang="en">
	<head>
		<title>Todo Garden</title>
		<link rel="stylesheet" href="/src/styles/app.css" />
		<script type="module" src="/src/main.ts"></script>
	</head>
	<body>
		<main id="app"></main>
		<template id="todo-item"><li class="todo"></li></template>
	</body>
</html>
`,
	'server.js': `import { createServer } from 'node:http';\n\nexport function start(port = 8080) {\n\treturn createServer().listen(port);\n}\n`,
	'src/main.ts': `import { TodoStore } from './store/todo-store';
import { renderList } from './ui/render';
import './styles/app.css';

const store = new TodoStore();
renderList(document.querySelector('#app')!, store);
`,
	'src/store/todo-store.ts': `import { nanoid } from 'nanoid';
import type { Todo, TodoFilter } from '../types';

export const MAX_TODOS = 500;

export class TodoStore {
	private items: Todo[] = [];
	static readonly version = 2;

	add(title: string): Todo {
		const todo = { id: nanoid(), title, done: false };
		this.items.push(todo);
		return todo;
	}

	toggle(id: string): void {}

	get count(): number {
		return this.items.length;
	}

	#secret() {}
}

export function filterTodos(todos: readonly Todo[], filter: TodoFilter): Todo[] {
	return todos.filter((todo) => filter === 'all' || todo.done === (filter === 'done'));
}
`,
	'src/types.ts': `export interface Todo {
	id: string;
	title: string;
	done: boolean;
	rename(title: string): void;
}

export type TodoFilter = 'all' | 'open' | 'done';

export enum Priority { Low, High }
`,
	'src/ui/render.ts': `import type { TodoStore } from '../store/todo-store';
import type { Todo } from '../types';
import { formatDue } from '../util/dates';

export const renderList = (root: Element, store: TodoStore) => {
	root.textContent = String(store.count);
};

export async function renderItem(todo: Todo): Promise<HTMLElement> {
	const item = document.createElement('li');
	item.textContent = todo.title + formatDue(new Date());
	return item;
}

function helper() {}
`,
	'src/util/dates.ts': `import { format } from 'date-fns';\n\nexport function formatDue(date: Date): string {\n\treturn format(date, 'PP');\n}\n\nexport * from './weekdays';\n`,
	'src/util/weekdays.ts': `export const WEEKDAYS = ['Mon', 'Tue'] as const;\n`,
	'src/styles/app.css': `@import './theme.css';

:root {
	--garden-green: #2d6a4f;
	--garden-soil: #7f5539;
}

body,
html {
	margin: 0;
}

.todo {
	padding: 4px;
}

.todo:hover > .delete {
	opacity: 1;
}

@media (max-width: 600px) {
	.todo { padding: 2px; }
}

@keyframes sprout {
	from { transform: scale(0); }
	to { transform: scale(1); }
}
`,
	'src/styles/theme.css': `.dark { color: white; }\n`,
	'docs/guide.md': '# Guide\n\n## Adding todos\n\nText.\n\nSetext heading\n--------------\n',
	'tests/store.test.ts': `import { describe, it } from 'vitest';\nimport { TodoStore } from '../src/store/todo-store';\n\ndescribe('store', () => {\n\tit('adds', () => { new TodoStore().add('x'); });\n});\n`,
	'dist/assets/index-abc123.js': 'export function bundled() {}\n',
	'debug.log': 'log line\n',
	'node_modules/nanoid/package.json': '{"name":"nanoid"}',
	'node_modules/nanoid/index.js': 'export function nanoid() {}\n'
};
