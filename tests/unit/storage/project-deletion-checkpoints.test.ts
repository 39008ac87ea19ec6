import 'fake-indexeddb/auto';
import { beforeEach, expect, it, vi } from 'vitest';
import { createProject, deleteProject, getProject } from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

const deleted = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/lib/storage/checkpoints', async (original) => ({
	...(await original<typeof import('../../../src/lib/storage/checkpoints')>()),
	deleteProjectCheckpoints: async (projectId: string) => {
		deleted.push(projectId);
	}
}));

beforeEach(freshIndexedDb);

it('deleting a project deletes its checkpoints too, and no other project’s', async () => {
	const doomed = await createProject({ name: 'doomed', template: 'blank', files: {} });
	const kept = await createProject({ name: 'kept', template: 'blank', files: {} });
	await deleteProject(doomed.id);
	expect(deleted).toEqual([doomed.id]);
	expect(await getProject(kept.id)).toBeDefined();
});
