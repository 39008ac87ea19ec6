/** The bench page: generates the project once, then measures what the Node runner asks for. */
import { fingerprint, generateFixture } from '../fixture';
import type { BenchPageApi, MeasurementId, Sample } from '../types';
import { checkpointRow } from './rows-checkpoint';
import { portableRows } from './rows-portable';
import { storageRows } from './rows-storage';

const fixture = generateFixture();
const storage = storageRows(fixture);
const portable = portableRows(fixture);
const rows: Record<MeasurementId, (run: number) => Promise<Sample>> = {
	save: storage.save,
	restore: storage.restore,
	edit: storage.edit,
	checkpoint: checkpointRow(fixture),
	export: portable.export,
	import: portable.import,
	share: portable.share
};

const api: BenchPageApi = {
	info: () => ({
		fileCount: fixture.fileCount,
		totalBytes: fixture.totalBytes,
		binaryCount: fixture.binaryCount,
		binaryBytes: fixture.binaryBytes,
		fingerprint: fingerprint(fixture.files),
		crossOriginIsolated: globalThis.crossOriginIsolated === true,
		userAgent: navigator.userAgent
	}),
	measure: (id, run) => rows[id](run)
};

(globalThis as { kilnStorageBench?: BenchPageApi }).kilnStorageBench = api;
