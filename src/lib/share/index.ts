// Getting projects in and out of the browser: zip export and import, repository import, and the
// documents (session, new project) share links build on.
export {
	parseSessionDocument,
	sessionToJson,
	sessionToMarkdown,
	toSessionDocument,
	SessionDocumentError,
	SESSION_FORMAT,
	SESSION_VERSION,
	type SessionDocument,
	type SessionSource
} from './session-document';
export { createProjectFromFiles, IMPORT_TEMPLATE, type NewProjectInput } from './new-project';
