/**
 * Rows 5–7: export and import of the project as a zip, and the share link of the Static site
 * template. Kiln's side is the app's own code (src/lib/share); the bare side is fflate zipSync /
 * unzipSync of the same files at the same level, and gzip -9 of the template's JSON.
 */
import {
	Unzip,
	UnzipInflate,
	UnzipPassThrough,
	gzipSync,
	strToU8,
	unzipSync,
	zip as zipAsync,
	zipSync,
	type Zippable
} from 'fflate';
import { createBrowserRuntime } from '$lib/runtime';
import { EXPORT_ZIP_LEVEL, exportProject, importZip, shareLinkFor } from '$lib/share';
import { createProject, projectPersistence } from '$lib/storage';
import { getTemplate } from '$lib/templates';
import { openWorkspace } from '$lib/workspace';
import { fingerprint, type Fixture, type FixtureData } from '../fixture';
import type { Sample } from '../types';
import { resetDatabases, warmUp } from './databases';
import { base64UrlLength } from '../report';
import { rotated, time, timeWithLongestTask } from './timing';

export interface PortableRows {
	export(run: number): Promise<Sample>;
	import(run: number): Promise<Sample>;
	share(run: number): Promise<Sample>;
}

const ZIP_NAME = 'Bench.zip';
const STREAM_STEP = 16 * 1024;

export function portableRows(fixture: Fixture): PortableRows {
	const { files } = fixture;
	const asBytes = (): Zippable => {
		const out: Zippable = {};
		for (const [path, data] of Object.entries(files)) {
			out[path] = typeof data === 'string' ? strToU8(data) : data;
		}
		return out;
	};
	let zip: Uint8Array | undefined;
	const bareZip = () => (zip ??= zipSync(asBytes(), { level: EXPORT_ZIP_LEVEL }));
	// Once (the warm-up run): a fast export or import of the wrong bytes would be no export.
	const checkSame = (what: string, got: Readonly<Record<string, FixtureData>>) => {
		const count = Object.keys(got).length;
		if (count !== fixture.fileCount || fingerprint(got) !== fingerprint(files)) {
			throw new Error(`${what} gave back other files (${count}) than the project's.`);
		}
	};

	return {
		async export(run) {
			const values: Record<string, number | null> = {};
			await rotated(run, [
				async () => {
					// The workspace as the IDE has it when Export is pressed: the project stored, the
					// browser runtime holding its files, the workspace indexing them (built untimed).
					await resetDatabases();
					await warmUp();
					const project = await createProject({ name: 'Bench', template: 'blank', files });
					const runtime = await createBrowserRuntime({ files });
					const workspace = await openWorkspace({
						projectId: project.id,
						runtime,
						persistence: projectPersistence(project.id)
					});
					try {
						await workspace.flush?.();
						let collectedAt = 0;
						let bytes: Uint8Array = new Uint8Array();
						const started = performance.now();
						const timed = await timeWithLongestTask(async () => {
							const archive = await exportProject(workspace, 'Bench', {
								onProgress: ({ phase }) => {
									if (phase === 'Compressing') collectedAt = performance.now();
								}
							});
							bytes = archive.bytes;
						});
						values.kilnMs = timed.ms;
						values.kilnCollectMs = collectedAt - started;
						values.kilnCompressMs = timed.ms - values.kilnCollectMs;
						values.kilnLongestTaskMs = timed.longestTaskMs;
						values.kilnZipBytes = bytes.byteLength;
						if (run === 0) checkSame('Unzipping Kiln’s export', unzipSync(bytes));
					} finally {
						workspace.dispose();
						await runtime.dispose();
					}
				},
				async () => {
					let bytes = new Uint8Array();
					// Text is encoded inside the timing: an export has to do it too.
					const timed = await timeWithLongestTask(async () => {
						bytes = zipSync(asBytes(), { level: EXPORT_ZIP_LEVEL });
					});
					values.bareMs = timed.ms;
					values.bareLongestTaskMs = timed.longestTaskMs;
					values.zipBytes = bytes.byteLength;
				},
				async () => {
					// fflate's asynchronous zip, as exportProject calls it: what the API itself costs.
					const timed = await timeWithLongestTask(
						() =>
							new Promise<Uint8Array>((resolve, reject) =>
								zipAsync(asBytes(), { level: EXPORT_ZIP_LEVEL }, (error, data) =>
									error ? reject(error) : resolve(data)
								)
							)
					);
					values.bareAsyncMs = timed.ms;
					values.bareAsyncLongestTaskMs = timed.longestTaskMs;
				}
			]);
			return { values, notes: [] };
		},

		async import(run) {
			const values: Record<string, number | null> = {};
			const input = bareZip();
			// What the file picker hands over: a File (a Blob), read by Kiln in slices.
			const file = new File([input as BlobPart], ZIP_NAME, { type: 'application/zip' });
			await rotated(run, [
				async () => {
					let imported: Readonly<Record<string, FixtureData>> = {};
					const timed = await timeWithLongestTask(async () => {
						imported = (await importZip(file, ZIP_NAME)).files;
					});
					values.kilnMs = timed.ms;
					values.kilnLongestTaskMs = timed.longestTaskMs;
					if (run === 0) checkSame('importZip', imported);
				},
				async () => {
					// fflate's streaming Unzip over the same zip in the 16 KB steps importZip takes (so a
					// zip bomb is stopped early): what streaming itself costs, without Kiln's checks.
					values.bareStreamMs = await time(() => {
						let count = 0;
						const unzip = new Unzip((entry) => {
							const chunks: Uint8Array[] = [];
							entry.ondata = (error, chunk, final) => {
								if (error) throw error;
								chunks.push(chunk);
								if (final) count++;
							};
							entry.start();
						});
						unzip.register(UnzipInflate);
						unzip.register(UnzipPassThrough);
						for (let offset = 0; offset < input.length; offset += STREAM_STEP) {
							const end = Math.min(offset + STREAM_STEP, input.length);
							unzip.push(input.subarray(offset, end), end >= input.length);
						}
						if (count !== fixture.fileCount) {
							throw new Error(`Unzip gave back ${count} files, not ${fixture.fileCount}.`);
						}
					});
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
			return { values, notes: [] };
		},

		async share() {
			const template = getTemplate('static-site');
			if (!template) throw new Error('The Static site template (static-site) is missing.');
			const json = strToU8(JSON.stringify(template.files));
			const gzipBytes = gzipSync(json, { level: 9 }).byteLength;
			// The whole link as the Share dialog shows it, on the short nominal host shareLinkFor uses.
			const link = await shareLinkFor(template.files, undefined, {
				name: template.name,
				template: template.id
			});
			const fragment = link.slice(link.indexOf('#') + 1);
			const values: Record<string, number | null> = {
				rawBytes: Object.values(template.files).reduce(
					(sum, text) => sum + strToU8(text).length,
					0
				),
				jsonBytes: json.byteLength,
				gzipBytes,
				bareChars: base64UrlLength(gzipBytes),
				kilnChars: link.length,
				kilnFragmentChars: fragment.length
			};
			return { values, notes: [] };
		}
	};
}
