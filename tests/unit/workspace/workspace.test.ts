import { createMemoryRuntime } from './memory-runtime';
import { describeWorkspaceSuite } from './workspace-suite';

describeWorkspaceSuite('the memory runtime (batched watch events)', async (files) =>
	createMemoryRuntime({ files })
);

describeWorkspaceSuite(
	'the memory runtime (watch events inside the fs call, with stat)',
	async (files) => createMemoryRuntime({ files, delivery: 'sync', stat: true })
);
