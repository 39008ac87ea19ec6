import type { IncomingMessage, Server } from 'node:http';

export interface PreviewOriginFile {
	body: string;
	type: string;
}
export const previewOriginHeaders: Record<string, string>;
export function bundlePreviewOrigin(options?: {
	minify?: boolean;
}): Promise<Map<string, PreviewOriginFile>>;
export function ideOriginFor(req: IncomingMessage, idePort: number): string;
export function startPreviewOriginServer(options: {
	port: number;
	host: string;
	idePort: number;
	files: () => Promise<Map<string, PreviewOriginFile>>;
}): Promise<Server>;
export function listen(server: Server, port: number, host: string, what: string): Promise<Server>;
