import type { ReportedChunk } from '../tooling/bundle-report';

export interface Preload {
	href: string;
	as: 'script' | 'style';
}

export interface ProjectPreloads {
	preload: Preload[];
	/** The module whose import starts reading the project (early-open-start.ts). */
	start: string;
	/** The IDE route's node, imported as soon as it arrives (its code opens the session). */
	route: string;
}

/** Vite's manifest, as far as this reads it. */
export type ViteManifest = Record<string, { file: string; css?: string[] }>;

export const PLACEHOLDER: string;
export const START_MODULE: RegExp;
export const PROJECT_ROOTS: RegExp[];
export const JUST_BASH_ENTRY: RegExp;
/** Only a chunk's name and static imports are read. */
export function staticClosure(
	report: readonly { fileName: string; imports: readonly string[] }[],
	roots: readonly string[]
): Set<string>;
export function projectPreloads(
	report: readonly ReportedChunk[],
	manifest: ViteManifest,
	alreadyPreloaded: readonly string[]
): ProjectPreloads;
export function scriptHash(source: string): string;
export function fillProjectPreloads(html: string, preloads: ProjectPreloads): string;
export function writeProjectPreloads(paths?: {
	page?: string;
	report?: string;
	manifest?: string;
}): Promise<number>;
