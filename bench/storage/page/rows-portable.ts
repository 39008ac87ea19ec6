/**
 * Rows 5–6: export and import of the project (fflate zipSync / unzipSync of the same files as
 * the baseline), and the share-link size of the Static site template (its raw bytes, and a
 * gzip of its JSON as the baseline). Kiln's sides come from kilnHooks.
 */
import { gzipSync, strToU8, unzipSync, zipSync } from 'fflate';
import { createProject } from '$lib/storage';
import { getTemplate } from '$lib/templates';
import type { Fixture } from '../fixture';
import type { Sample } from '../types';
import { resetDatabases, warmUp } from './databases';
import { HOOK_MISSING, kilnHooks } from './kiln-hooks';
import { base64UrlLength } from '../report';
import { rotated, time } from './timing';

export interface PortableRows {
	export(run: number): Promise<Sample>;
	import(run: number): Promise<Sample>;
	share(run: number): Promise<Sample>;
}

export function portableRows(fixture: Fixture): PortableRows {
	const { files } = fixture;
	const asBytes = () => {
		const out: Record<string, Uint8Array> = {};
		for (const [path, data] of Object.entries(files)) {
			out[path] = typeof data === 'string' ? strToU8(data) : data;
		}
		return out;
	};
	let zip: Uint8Array | undefined;
	const bareZip = () => (zip ??= zipSync(asBytes()));

	return {
		async export(run) {
			const values: Record<string, number | null> = { kilnMs: null, kilnZipBytes: null };
			const notes: string[] = [];
			const exportZip = kilnHooks.exportZip;
			await rotated(run, [
				async () => {
					if (!exportZip) {
						notes.push(HOOK_MISSING.exportZip);
						return;
					}
					await resetDatabases();
					await warmUp();
					const project = await createProject({ name: 'Bench', template: 'blank', files });
					let bytes: Uint8Array = new Uint8Array();
					values.kilnMs = await time(async () => {
						bytes = await exportZip(project.id);
					});
					values.kilnZipBytes = bytes.byteLength;
				},
				async () => {
					let bytes = new Uint8Array();
					// Text is encoded inside the timing: an export has to do it too.
					values.bareMs = await time(() => {
						bytes = zipSync(asBytes());
					});
					values.zipBytes = bytes.byteLength;
				}
			]);
			return { values, notes };
		},

		async import(run) {
			const values: Record<string, number | null> = { kilnMs: null };
			const notes: string[] = [];
			const importZip = kilnHooks.importZip;
			const input = bareZip();
			await rotated(run, [
				async () => {
					if (!importZip) {
						notes.push(HOOK_MISSING.importZip);
						return;
					}
					await resetDatabases();
					await warmUp();
					values.kilnMs = await time(() => importZip(input));
				},
				async () => {
					let count = 0;
					values.bareMs = await time(() => {
						count = Object.keys(unzipSync(input)).length;
					});
					if (count !== fixture.fileCount) {
						throw new Error(`unzipSync gave back ${count} files, not ${fixture.fileCount}.`);
					}
				}
			]);
			values.zipBytes = input.byteLength;
			return { values, notes };
		},

		async share() {
			const template = getTemplate('static-site');
			if (!template) throw new Error('The Static site template (static-site) is missing.');
			const json = strToU8(JSON.stringify(template.files));
			const gzipBytes = gzipSync(json, { level: 9 }).byteLength;
			const values: Record<string, number | null> = {
				rawBytes: Object.values(template.files).reduce(
					(sum, text) => sum + strToU8(text).length,
					0
				),
				jsonBytes: json.byteLength,
				gzipBytes,
				bareChars: base64UrlLength(gzipBytes),
				kilnChars: null
			};
			const notes: string[] = [];
			if (kilnHooks.shareLink)
				values.kilnChars = (await kilnHooks.shareLink(template.files)).length;
			else notes.push(HOOK_MISSING.shareLink);
			return { values, notes };
		}
	};
}
