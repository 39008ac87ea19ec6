import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProject, getSetting, putFile } from '../../../../src/lib/storage';
import {
	MODEL_SETTINGS_KEY,
	ModelSettings,
	type ModelSettingsStorage
} from '../../../../src/lib/state/settings';
import { freshIndexedDb } from '../../storage/reset';

beforeEach(freshIndexedDb);

const SECRET = 'sk-ant-test-0123456789-secret';

/** Every value in every IndexedDB database, as text, by database name. */
async function dumpAllDatabases(): Promise<Map<string, string>> {
	const dump = new Map<string, string>();
	for (const info of await indexedDB.databases()) {
		if (!info.name) continue;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(info.name!);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const parts: unknown[] = [];
		for (const storeName of Array.from(db.objectStoreNames)) {
			const store = db.transaction(storeName, 'readonly').objectStore(storeName);
			const [keys, values] = await Promise.all(
				[store.getAllKeys(), store.getAll()].map(
					(request) =>
						new Promise<unknown>((resolve, reject) => {
							request.onsuccess = () => resolve(request.result);
							request.onerror = () => reject(request.error);
						})
				)
			);
			parts.push(keys, values);
		}
		db.close();
		dump.set(info.name, JSON.stringify(parts));
	}
	return dump;
}

describe('ModelSettings', () => {
	it('starts unusable, with a reason, when nothing was saved', async () => {
		const settings = new ModelSettings();
		await settings.load();
		expect(settings.loaded).toBe(true);
		expect(settings.config).toEqual({ provider: 'anthropic', model: '' });
		expect(settings.usable).toBe(false);
		expect(settings.problem).toMatch(/API key/);
	});

	it('saves and loads the configuration in a new page (round trip)', async () => {
		const first = new ModelSettings();
		await first.load();
		await first.save({
			provider: 'anthropic',
			apiKey: `  ${SECRET} `,
			model: ' claude-sonnet-4-5 '
		});
		expect(first.usable).toBe(true);

		const second = new ModelSettings();
		await second.load();
		expect(second.config).toEqual({
			provider: 'anthropic',
			apiKey: SECRET,
			model: 'claude-sonnet-4-5'
		});
		expect(second.problem).toBeUndefined();
	});

	it('keeps a context window set by hand, and drops one that makes no sense', async () => {
		const first = new ModelSettings();
		await first.load();
		await first.save({ provider: 'ollama', model: 'qwen2.5-coder', contextWindow: 32_768 });
		const second = new ModelSettings();
		await second.load();
		expect(second.config.contextWindow).toBe(32_768);

		await second.save({ provider: 'ollama', model: 'qwen2.5-coder', contextWindow: 12.5 });
		const third = new ModelSettings();
		await third.load();
		expect(third.config.contextWindow).toBeUndefined();
	});

	it('keeps the person’s “accepts images” setting for a model, and drops a value that is not yes or no', async () => {
		const first = new ModelSettings();
		await first.load();
		await first.save({ provider: 'ollama', model: 'llava', images: true });
		const second = new ModelSettings();
		await second.load();
		expect(second.config.images).toBe(true);

		await second.save({ provider: 'ollama', model: 'llava', images: 'yes' as unknown as boolean });
		const third = new ModelSettings();
		await third.load();
		expect(third.config.images).toBeUndefined();
	});

	it('remembers each provider’s fields when switching between them', async () => {
		const settings = new ModelSettings();
		await settings.load();
		await settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'claude-x' });
		await settings.save({
			provider: 'openai-compatible',
			baseUrl: 'http://localhost:8000/v1',
			model: 'qwen'
		});
		const reloaded = new ModelSettings();
		await reloaded.load();
		expect(reloaded.config.provider).toBe('openai-compatible');
		expect(reloaded.configFor('anthropic')).toEqual({
			provider: 'anthropic',
			apiKey: SECRET,
			model: 'claude-x'
		});
		expect(reloaded.configFor('ollama')).toEqual({ provider: 'ollama', model: '' });
	});

	it('keeps API keys in the settings store and nowhere else', async () => {
		const settings = new ModelSettings();
		await settings.load();
		await settings.save({ provider: 'openai', apiKey: SECRET, model: 'gpt-test' });
		const project = await createProject({ name: 'demo', template: 'blank', files: {} });
		await putFile(project.id, 'a.txt', 'hello');

		const dump = await dumpAllDatabases();
		expect(dump.size).toBeGreaterThan(1);
		const holders = [...dump].filter(([, text]) => text.includes(SECRET)).map(([name]) => name);
		expect(holders).toEqual(['kiln-settings']);
		expect(await getSetting(MODEL_SETTINGS_KEY)).toMatchObject({ active: 'openai' });
	});

	it('ignores a corrupt stored value and says nothing is configured', async () => {
		const storage: ModelSettingsStorage = {
			get: async () => ({ active: 'nonsense', providers: 7 }),
			set: async () => {}
		};
		const settings = new ModelSettings({ storage });
		await settings.load();
		expect(settings.config).toEqual({ provider: 'anthropic', model: '' });
		expect(settings.error).toBeNull();
	});

	it('keeps the reasoning effort per provider, and drops a value it does not know', async () => {
		const first = new ModelSettings();
		await first.load();
		await first.save({ provider: 'openai', apiKey: SECRET, model: 'gpt-5.4', reasoning: 'high' });
		const second = new ModelSettings();
		await second.load();
		expect(second.config.reasoning).toBe('high');
		expect(second.configFor('anthropic').reasoning).toBeUndefined();

		await second.save({
			provider: 'openai',
			apiKey: SECRET,
			model: 'gpt-5.4',
			reasoning: 'extreme' as never
		});
		const third = new ModelSettings();
		await third.load();
		expect(third.config).not.toHaveProperty('reasoning');
	});

	it('reports a storage failure in words a person can act on', async () => {
		const storage: ModelSettingsStorage = {
			get: async () => {
				throw new Error('quota');
			},
			set: async () => {
				throw new Error('quota');
			}
		};
		const settings = new ModelSettings({ storage });
		await settings.load();
		expect(settings.error).toMatch(/could not be read \(quota\).*Settings/);
		await expect(settings.save({ provider: 'ollama', model: 'llama3' })).rejects.toThrow(
			/could not be saved.*try again/
		);
		expect(settings.config.provider).toBe('anthropic');
	});
});
