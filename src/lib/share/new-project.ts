/**
 * A new project from files that came from outside (a zip, a folder, a repository, a share link),
 * optionally with the conversation that came with them. Either the whole project appears in the
 * list or none of it: a failure part-way removes what was written.
 */
import type { ProviderId } from '../providers';
import {
	appendSessionEvent,
	createProject,
	createSession,
	deleteProject,
	type FileData
} from '../storage';
import type { SessionDocument } from './session-document';
import { messageOf } from '../errors';

export interface NewProjectInput {
	name: string;
	/** Recorded as the project's template; 'import' unless the source knows better. */
	template?: string;
	files: Record<string, FileData>;
	/** Folders to keep even when empty. */
	dirs?: readonly string[];
	/** A conversation to restore as a session of the new project. */
	session?: SessionDocument;
}

export const IMPORT_TEMPLATE = 'import';

/** Creates the project (files in one transaction) and its session; returns the project's id. */
export async function createProjectFromFiles(input: NewProjectInput): Promise<string> {
	// Files are written before the project's record (storage's order), so a tab closed part-way
	// leaves no project without its files.
	const project = await createProject({
		name: input.name,
		template: input.template ?? IMPORT_TEMPLATE,
		files: input.files,
		dirs: input.dirs
	});
	if (!input.session) return project.id;
	try {
		await restoreSession(project.id, input.session);
	} catch (error) {
		await deleteProject(project.id).catch(() => {});
		throw new Error(
			`The project could not be created: its conversation could not be saved ` +
				`(${messageOf(error)}). Nothing was kept; try again, or import without the conversation.`,
			{ cause: error }
		);
	}
	return project.id;
}

async function restoreSession(projectId: string, document: SessionDocument): Promise<void> {
	const start = document.events.find((event) => event.type === 'session-start');
	const session = await createSession(projectId, {
		// The meta's provider is only shown; the next turn uses whatever Settings says.
		provider: (document.provider ?? start?.provider ?? 'anthropic') as ProviderId,
		model: document.model ?? start?.model ?? '',
		title: document.title
	});
	for (const [seq, event] of document.events.entries()) {
		await appendSessionEvent(session.id, seq, structuredClone(event) as typeof event);
	}
}
