// The two origins the e2e server runs (playwright.config.ts): the IDE, and the preview origin
// project pages run on, one port up.
const port = Number(process.env.KILN_E2E_PORT) || 4317;
export const ideOrigin = `http://localhost:${port}`;
export const previewOrigin = `http://localhost:${port + 1}`;
