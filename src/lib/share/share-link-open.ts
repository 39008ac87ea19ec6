/**
 * The receiving side: a fragment read into what the link holds, then a new project made of it.
 */
import { getTemplate } from '../templates';
import { decodeShareFragment } from './share-link-codec';
import type { SharedProject } from './share-link-container';
import { corrupted } from './share-link-errors';
import { createProjectFromFiles } from './new-project';
import {
	parseSessionDocument,
	SessionDocumentError,
	type SessionDocument
} from './session-document';

export interface OpenedShareLink {
	readonly project: SharedProject;
	/** The conversation, already checked event by event. */
	readonly conversation?: SessionDocument;
	readonly totalBytes: number;
}

/** Reads a fragment; throws a ShareLinkError (with what to do next) for anything unreadable. */
export async function readShareLink(fragment: string): Promise<OpenedShareLink> {
	const project = await decodeShareFragment(fragment);
	let conversation: SessionDocument | undefined;
	if (project.conversation !== undefined) {
		try {
			conversation = parseSessionDocument(project.conversation);
		} catch (error) {
			if (!(error instanceof SessionDocumentError)) throw error;
			throw corrupted(`its conversation cannot be read (${error.message})`);
		}
	}
	let totalBytes = 0;
	for (const bytes of Object.values(project.files)) totalBytes += bytes.length;
	return { project, conversation, totalBytes };
}

/** Creates the new project (and its conversation, when the link has one); returns its id. */
export function openSharedProject(opened: OpenedShareLink): Promise<string> {
	const { project, conversation } = opened;
	return createProjectFromFiles({
		name: project.name,
		// Only a template this Kiln knows is recorded; anything else is an import like any other.
		template: project.template && getTemplate(project.template) ? project.template : undefined,
		files: { ...project.files },
		dirs: project.dirs,
		session: conversation
	});
}
