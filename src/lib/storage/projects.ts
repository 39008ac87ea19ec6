import { entries, get, set } from 'idb-keyval';
import { openStorage } from './migrations';
import { putDir, putFiles, type FileData } from './project-files';
import { projectMetaSchema } from './record-schemas';
import { getStores } from './stores';
import { checkedMeta } from './checked-meta';

export interface ProjectMeta {
	readonly id: string;
	readonly name: string;
	/** The template it was created from (`blank`, `static-site`, `vite-ts`, or `import`). */
	readonly template: string;
	readonly createdAt: number;
	readonly updatedAt: number;
}

export interface CreateProjectInput {
	name: string;
	template: string;
	files: Record<string, FileData>;
	/** Folders to keep even when empty. */
	dirs?: readonly string[];
}

const UNTITLED = 'Untitled project';

let lastStamp = 0;

/** Date.now(), but strictly increasing, so projects changed in the same millisecond still order. */
function stamp(): number {
	lastStamp = Math.max(Date.now(), lastStamp + 1);
	return lastStamp;
}

function cleanName(name: string): string {
	return name.trim() || UNTITLED;
}

/** The stored meta when it is readable; otherwise it is set aside and counts as missing. */
function checkedProject(key: IDBValidKey, value: unknown): Promise<ProjectMeta | undefined> {
	return checkedMeta<ProjectMeta>(
		projectMetaSchema,
		{ kind: 'project', store: 'projects' },
		key,
		value
	);
}

/** All readable projects, most recently used first (unreadable ones are set aside). */
export async function listProjects(): Promise<ProjectMeta[]> {
	await openStorage();
	const stored = await entries<IDBValidKey, unknown>(getStores().projects);
	const all: ProjectMeta[] = [];
	for (const [key, value] of stored) {
		const project = await checkedProject(key, value);
		if (project) all.push(project);
	}
	return all.sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
}

export async function getProject(id: string): Promise<ProjectMeta | undefined> {
	await openStorage();
	return checkedProject(id, await get<unknown>(id, getStores().projects));
}

export async function createProject(input: CreateProjectInput): Promise<ProjectMeta> {
	await openStorage();
	const now = stamp();
	const project: ProjectMeta = {
		id: crypto.randomUUID(),
		name: cleanName(input.name),
		template: input.template,
		createdAt: now,
		updatedAt: now
	};
	// Files first: a tab closed half-way leaves unreachable files, never a project without them.
	await putFiles(project.id, input.files, now);
	for (const dir of input.dirs ?? []) await putDir(project.id, dir, now);
	await set(project.id, project, getStores().projects);
	return project;
}

async function updateProject(
	id: string,
	change: (project: ProjectMeta) => ProjectMeta
): Promise<ProjectMeta> {
	const current = await getProject(id);
	if (!current) {
		throw new Error(
			`Project ${id} no longer exists (it may have been deleted in another tab). ` +
				'Go back to the project list.'
		);
	}
	const next = change(current);
	await set(id, next, getStores().projects);
	return next;
}

export function renameProject(id: string, name: string): Promise<ProjectMeta> {
	return updateProject(id, (project) => ({
		...project,
		name: cleanName(name),
		updatedAt: stamp()
	}));
}

/** Marks the project as just used, so it moves to the top of the list. */
export function touchProject(id: string): Promise<ProjectMeta> {
	return updateProject(id, (project) => ({
		...project,
		updatedAt: Math.max(stamp(), project.updatedAt + 1)
	}));
}
