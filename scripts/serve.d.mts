import type { IncomingMessage, Server } from 'node:http';

export function cacheControlFor(pathname: string): string;
export function previewOriginFor(req: IncomingMessage, previewPort: number): string;
export function startServer(options?: {
	port?: number;
	previewPort?: number;
	host?: string;
	/** The built app (default build/). */
	root?: string;
}): Promise<Server & { previewPort: number }>;
