// The IDE needs the browser (IndexedDB, workers, WebContainer): render on the client only.
export const ssr = false;
export const prerender = false;
