/**
 * Git reads a repository's config wherever it finds one, and runs programs that config names
 * (core.fsmonitor on `git status`, diff.external on `git diff`). A project can hold a bare
 * repository made of plain files (HEAD, config, objects/, refs/) that git would discover in any
 * folder of it, so `git diff --no-index a b` there, a command that only reads, would run what the
 * project says. `safe.bareRepository=explicit` stops that discovery; it must come from the
 * command line or the environment, which a repository cannot change. Added after the person's
 * own GIT_CONFIG_COUNT entries, not over them.
 */
export function withSafeGit(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
	const index = Number.isSafeInteger(count) && count > 0 ? count : 0;
	return {
		...env,
		GIT_CONFIG_COUNT: String(index + 1),
		[`GIT_CONFIG_KEY_${index}`]: 'safe.bareRepository',
		[`GIT_CONFIG_VALUE_${index}`]: 'explicit'
	};
}
