/**
 * THE PLUG-IN POINT for Kiln's export, import and share links (src/lib/share, on branches
 * i8-portable and i8-share when this was written). Until a function is set here, its row prints
 * "n/a" next to the bare fflate baseline. After the merge, fill in the table, e.g.:
 *
 *   import { exportProjectZip, importProjectZip, shareLinkFor } from '$lib/share';
 *   export const kilnHooks: KilnHooks = {
 *   	exportZip: (projectId) => exportProjectZip(projectId),
 *   	importZip: (zip) => importProjectZip(zip),
 *   	shareLink: (files) => shareLinkFor({ files })
 *   };
 */

export interface KilnHooks {
	/**
	 * The zip the "Export" button downloads for a project already in Kiln's storage (files only,
	 * no session). Timed from the call to the bytes.
	 */
	exportZip?: (projectId: string) => Promise<Uint8Array>;
	/** Imports a zip as a new project, stored: timed until it is durably in IndexedDB. */
	importZip?: (zip: Uint8Array) => Promise<unknown>;
	/** The share link (whole URL or its fragment) for these files, without the conversation. */
	shareLink?: (files: Readonly<Record<string, string>>) => Promise<string>;
}

export const kilnHooks: KilnHooks = {};

/** Said in the table while a hook is empty. */
export const HOOK_MISSING = {
	exportZip: 'n/a (Kiln export not on this branch: set kilnHooks.exportZip)',
	importZip: 'n/a (Kiln import not on this branch: set kilnHooks.importZip)',
	shareLink: 'n/a (Kiln share links not on this branch: set kilnHooks.shareLink)'
} as const satisfies Record<keyof KilnHooks, string>;
