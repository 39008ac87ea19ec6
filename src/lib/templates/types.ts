export interface TemplateInfo {
	/** Stable id, stored with each project (`ProjectMeta.template`). */
	readonly id: string;
	readonly name: string;
	/** One sentence for the "New project" dialog. */
	readonly description: string;
	/** path → content of the files a new project starts with. */
	readonly files: Readonly<Record<string, string>>;
}
