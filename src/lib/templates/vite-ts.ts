import type { TemplateInfo } from './types';

// Shaped like create-vite's vanilla-ts. Vite 6, not 7: it also runs on Node 18, whatever Node
// the WebContainer provides.

const packageJson = `{
  "name": "vite-project",
  "private": true,
  "version": "0.0.0",
  "type": "module",
  "scripts": {
    "dev": "vite",
    "build": "tsc && vite build",
    "preview": "vite preview"
  },
  "devDependencies": {
    "typescript": "~5.8.3",
    "vite": "^6.3.5"
  }
}
`;

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vite + TypeScript</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/src/main.ts"></script>
  </body>
</html>
`;

const mainTs = `import './style.css';

const app = document.querySelector<HTMLDivElement>('#app');
if (!app) throw new Error('index.html needs an element with id="app".');

app.innerHTML = \`
  <h1>Vite + TypeScript</h1>
  <p>Edit <code>src/main.ts</code> and save: the page updates at once.</p>
  <button id="counter" type="button"></button>
\`;

const button = app.querySelector<HTMLButtonElement>('#counter')!;
let count = 0;

function render(): void {
  button.textContent = \`count is \${count}\`;
}

button.addEventListener('click', () => {
  count += 1;
  render();
});

render();
`;

const styleCss = `:root {
  color-scheme: light dark;
  font-family: system-ui, sans-serif;
  line-height: 1.5;
}

body {
  margin: 0;
  display: grid;
  place-items: center;
  min-height: 100vh;
}

#app {
  text-align: center;
}

button {
  font: inherit;
  padding: 0.6em 1.2em;
  border-radius: 8px;
  border: 1px solid transparent;
  background: #646cff;
  color: white;
  cursor: pointer;
}

button:focus-visible {
  outline: 3px solid #646cff;
  outline-offset: 2px;
}
`;

const viteEnv = `/// <reference types="vite/client" />
`;

const tsconfig = `{
  "compilerOptions": {
    "target": "ES2022",
    "useDefineForClassFields": true,
    "module": "ESNext",
    "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "skipLibCheck": true,

    "moduleResolution": "bundler",
    "allowImportingTsExtensions": true,
    "verbatimModuleSyntax": true,
    "moduleDetection": "force",
    "noEmit": true,

    "strict": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "noFallthroughCasesInSwitch": true
  },
  "include": ["src"]
}
`;

const gitignore = `node_modules
dist
*.log
`;

export const viteTsTemplate: TemplateInfo = {
	id: 'vite-ts',
	name: 'Vite + TypeScript',
	description:
		'A Vite app in TypeScript with hot reload. Needs the WebContainer runtime: npm install && npm run dev.',
	files: {
		'package.json': packageJson,
		'index.html': indexHtml,
		'src/main.ts': mainTs,
		'src/style.css': styleCss,
		'src/vite-env.d.ts': viteEnv,
		'tsconfig.json': tsconfig,
		'.gitignore': gitignore
	}
};
