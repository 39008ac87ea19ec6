export const webContainerFrameSources: string[];
export const providerConnectSources: string[];
export function inlineScriptHashes(html?: string): string[];
export function ideScriptSources(): string[];
export function ideContentSecurityPolicy(options?: {
	previewOrigin?: string | null;
	dev?: boolean;
}): string;
