import type { TemplateInfo } from './types';

// Plain files a browser opens as they are: no build step, no network, no CDN.

const indexHtml = `<!doctype html>
<html lang="en">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		<title>My site</title>
		<link rel="stylesheet" href="style.css" />
		<script src="main.js" defer></script>
	</head>
	<body>
		<main>
			<h1>Hello!</h1>
			<p>This page is plain HTML, CSS and JavaScript. Edit the files and the preview updates.</p>

			<section aria-labelledby="counter-title">
				<h2 id="counter-title">Counter</h2>
				<p class="count" aria-live="polite"><span id="count">0</span> clicks</p>
				<button type="button" id="increment">Click me</button>
				<button type="button" id="reset" class="secondary">Reset</button>
			</section>

			<section aria-labelledby="notes-title">
				<h2 id="notes-title">Notes</h2>
				<form id="note-form">
					<label for="note-input">New note</label>
					<input id="note-input" name="note" autocomplete="off" required />
					<button type="submit">Add</button>
				</form>
				<ul id="notes"></ul>
			</section>
		</main>
	</body>
</html>
`;

const styleCss = `:root {
	color-scheme: light dark;
	--accent: #c2410c; /* white text on it meets WCAG AA (5.2:1) */
	font-family: system-ui, sans-serif;
	line-height: 1.5;
}

body {
	margin: 0;
	display: grid;
	place-items: start center;
	min-height: 100vh;
}

main {
	width: min(40rem, 100% - 2rem);
	padding: 2rem 0;
}

h1 {
	color: var(--accent);
}

section {
	margin-top: 2rem;
}

.count {
	font-size: 1.5rem;
}

button {
	font: inherit;
	padding: 0.4rem 1rem;
	border: 0;
	border-radius: 0.4rem;
	background: var(--accent);
	color: white;
	cursor: pointer;
}

button.secondary {
	background: transparent;
	color: inherit;
	outline: 1px solid currentColor;
}

button:focus-visible,
input:focus-visible {
	outline: 3px solid var(--accent);
	outline-offset: 2px;
}

form {
	display: flex;
	flex-wrap: wrap;
	gap: 0.5rem;
	align-items: center;
}

input {
	font: inherit;
	padding: 0.4rem;
	flex: 1;
}

#notes li {
	display: flex;
	justify-content: space-between;
	align-items: center;
	padding: 0.25rem 0;
}
`;

const mainJs = `// Runs after the page is parsed (the script tag has "defer").

const countElement = document.getElementById('count');
let count = 0;

document.getElementById('increment').addEventListener('click', () => {
	count += 1;
	countElement.textContent = String(count);
});

document.getElementById('reset').addEventListener('click', () => {
	count = 0;
	countElement.textContent = '0';
});

// Notes are kept in localStorage where the page may use it (a sandboxed preview may not).
const STORAGE_KEY = 'notes';
const list = document.getElementById('notes');
const form = document.getElementById('note-form');
const input = document.getElementById('note-input');

function loadNotes() {
	try {
		return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
	} catch {
		return [];
	}
}

function saveNotes(notes) {
	try {
		localStorage.setItem(STORAGE_KEY, JSON.stringify(notes));
	} catch {
		// Not allowed here: notes last until the page reloads.
	}
}

let notes = loadNotes();

function render() {
	list.replaceChildren(
		...notes.map((note, index) => {
			const item = document.createElement('li');
			const text = document.createElement('span');
			text.textContent = note;
			const remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'secondary';
			remove.textContent = 'Remove';
			remove.setAttribute('aria-label', 'Remove note: ' + note);
			remove.addEventListener('click', () => {
				notes = notes.filter((_, i) => i !== index);
				saveNotes(notes);
				render();
			});
			item.append(text, remove);
			return item;
		})
	);
}

form.addEventListener('submit', (event) => {
	event.preventDefault();
	const note = input.value.trim();
	if (!note) return;
	notes = [...notes, note];
	saveNotes(notes);
	input.value = '';
	render();
});

render();
`;

export const staticSiteTemplate: TemplateInfo = {
	id: 'static-site',
	name: 'Static site',
	description: 'HTML, CSS and JavaScript with a live preview; works offline, no install.',
	files: {
		'index.html': indexHtml,
		'style.css': styleCss,
		'main.js': mainJs
	}
};
