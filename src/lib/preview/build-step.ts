/**
 * The offline runtime serves files as they are: a page whose index.html loads TypeScript, JSX,
 * Vue or Svelte sources needs a bundler's dev server, and would preview as a blank page. This
 * finds the first such script so the Preview can say why instead.
 */
const sourceNeedingBuild =
	/<script\b[^>]*\bsrc\s*=\s*["']([^"']+\.(?:ts|tsx|jsx|mts|vue|svelte))["']/i;

export function scriptNeedingBuild(indexHtml: string): string | null {
	return sourceNeedingBuild.exec(indexHtml)?.[1] ?? null;
}
