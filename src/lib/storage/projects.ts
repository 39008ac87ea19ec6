import { entries, get, set } from 'idb-keyval';
import { readModifyWrite } from './read-modify-write';
import { openStorage } from './migrations';
import { putDir, putFiles, type FileData } from './project-files';
import { projectMetaSchema } from './record-schemas';
import { getStores } from './stores';
import { checkedMeta } from './checked-meta';
import { dataBytes } from './byte-size';

export interface ProjectMeta {
	readonly id: string;
	readonly name: string;
	/** The template it was created from (`blank`, `static-site`, `vite-ts`, or `import`). */
	readonly template: string;
	readonly createdAt: number;
	/** When its files or name last changed. */
	readonly updatedAt: number;
	/** When it was last opened (the list's order); records older than schema 2 lack it. */
	readonly openedAt?: number;
	/**
	 * About how many bytes its files take (UTF-8 for text), kept up to date by every write so the
	 * list never reads the files to show it; absent until measured (see measureProjectBytes).
	 */
	readonly bytes?: number;
}

export interface CreateProjectInput {
	name: string;
	template: string;
	files: Record<string, FileData>;
	/** Folders to keep even when empty. */
	dirs?: readonly string[];
}

const UNTITLED = 'Untitled project';
export const PROJECT_NAME_MAX_CHARS = 120;

let lastStamp = 0;

/** Date.now(), but strictly increasing, so projects changed in the same millisecond still order. */
export function stamp(): number {
	lastStamp = Math.max(Date.now(), lastStamp + 1);
	return lastStamp;
}

function cleanName(name: string): string {
	return name.trim() || UNTITLED;
}

/** What is wrong with a name a person typed for a project, in words, or null when it is fine. */
export function projectNameProblem(name: string): string | null {
	const trimmed = name.trim();
	if (trimmed === '') return 'Type a name for the project.';
	if (Array.from(trimmed).length > PROJECT_NAME_MAX_CHARS) {
		return `Use at most ${PROJECT_NAME_MAX_CHARS} characters.`;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'Use a name without line breaks or tabs.';
	return null;
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

/** When the project was last opened (created counts as opened). */
export function lastOpened(project: ProjectMeta): number {
	return project.openedAt ?? project.updatedAt;
}

/** All readable projects, most recently opened first (unreadable ones are set aside). */
export async function listProjects(): Promise<ProjectMeta[]> {
	await openStorage();
	const stored = await entries<IDBValidKey, unknown>(getStores().projects);
	const all: ProjectMeta[] = [];
	for (const [key, value] of stored) {
		const project = await checkedProject(key, value);
		if (project) all.push(project);
	}
	return all.sort((a, b) => lastOpened(b) - lastOpened(a) || b.createdAt - a.createdAt);
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
		updatedAt: now,
		openedAt: now,
		bytes: Object.values(input.files).reduce((sum, data) => sum + dataBytes(data), 0)
	};
	// Files first: a tab closed half-way leaves unreachable files, never a project without them.
	await putFiles(project.id, input.files, now);
	for (const dir of input.dirs ?? []) await putDir(project.id, dir, now);
	await set(project.id, project, getStores().projects);
	return project;
}

/**
 * Changes the stored meta in one transaction (read and write together), so two changes at once
 * (a rename here, a size update from a save) never undo each other. Rejects when it is gone.
 */
async function updateProject(
	id: string,
	change: (project: ProjectMeta) => ProjectMeta
): Promise<ProjectMeta> {
	const current = await getProject(id);
	if (!current) throw missingProject(id);
	const next = await readModifyWrite(getStores().projects, id, (stored) =>
		// Unreadable meta is left for getProject to set aside; this change skips it.
		stored && typeof stored === 'object' ? change(stored as ProjectMeta) : undefined
	);
	if (!next) throw missingProject(id);
	return next;
}

function missingProject(id: string): Error {
	return new Error(
		`Project ${id} no longer exists (it may have been deleted in another tab). ` +
			'Go back to the project list.'
	);
}

/** Renames the project; a name that is empty, too long or has line breaks is refused. */
export function renameProject(id: string, name: string): Promise<ProjectMeta> {
	const problem = projectNameProblem(name);
	if (problem) return Promise.reject(new Error(`That name cannot be used. ${problem}`));
	return updateProject(id, (project) => ({
		...project,
		name: cleanName(name),
		updatedAt: stamp()
	}));
}

/** Marks the project as just opened, so it moves to the top of the list. */
export function touchProject(id: string): Promise<ProjectMeta> {
	return updateProject(id, (project) => ({
		...project,
		openedAt: Math.max(stamp(), lastOpened(project) + 1)
	}));
}

/** Records the project's size as just measured from its files (healing any drift). */
export function recordProjectSize(id: string, bytes: number): Promise<ProjectMeta> {
	return updateProject(id, (project) => ({ ...project, bytes }));
}

/** Records an edit: `bytesDelta` is how much the files grew (negative when they shrank). */
export function noteProjectEdited(id: string, bytesDelta: number): Promise<ProjectMeta> {
	return updateProject(id, (project) => ({
		...project,
		updatedAt: stamp(),
		...(project.bytes === undefined ? {} : { bytes: Math.max(0, project.bytes + bytesDelta) })
	}));
}
