import { describe, expect, it } from 'vitest';
import { withSafeGit } from '../../../src/lib/runtime/node/git-env';

describe('withSafeGit', () => {
	it('adds safe.bareRepository=explicit as git config from the environment', () => {
		const env = withSafeGit({ PATH: '/bin' });
		expect(env).toEqual({
			PATH: '/bin',
			GIT_CONFIG_COUNT: '1',
			GIT_CONFIG_KEY_0: 'safe.bareRepository',
			GIT_CONFIG_VALUE_0: 'explicit'
		});
	});

	it("keeps the person's own GIT_CONFIG_COUNT entries and adds after them", () => {
		const env = withSafeGit({
			GIT_CONFIG_COUNT: '1',
			GIT_CONFIG_KEY_0: 'user.name',
			GIT_CONFIG_VALUE_0: 'Ada'
		});
		expect(env.GIT_CONFIG_KEY_0).toBe('user.name');
		expect(env.GIT_CONFIG_COUNT).toBe('2');
		expect(env.GIT_CONFIG_KEY_1).toBe('safe.bareRepository');
	});
});
