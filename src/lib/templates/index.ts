import { blankTemplate } from './blank';
import { staticSiteTemplate } from './static-site';
import type { TemplateInfo } from './types';
import { viteTsTemplate } from './vite-ts';

export type { TemplateInfo } from './types';

/** The templates offered for a new project, in the order the dialog shows them. */
export const templates: readonly TemplateInfo[] = [
	blankTemplate,
	staticSiteTemplate,
	viteTsTemplate
];

export function getTemplate(id: string): TemplateInfo | undefined {
	return templates.find((template) => template.id === id);
}
