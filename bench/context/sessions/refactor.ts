/**
 * Session (c): a refactor across files. `assertFound` becomes `requireFound` in a new module,
 * and every service takes its logger as a dependency instead of creating one: edits in every
 * service, the app wiring and every test.
 */
import { ENTITIES, kebab, pascal } from '../fixture/entities';
import { SessionBuilder } from './session-builder';
import type { BenchSession } from './types';

export function refactorSession(): BenchSession {
	const s = new SessionBuilder('refactor', 'Refactor: requireFound and injected loggers');
	const services = ENTITIES.map((entity) => ({
		entity,
		path: `src/services/${kebab(entity.name)}-service.ts`,
		test: `tests/${kebab(entity.name)}.test.ts`
	}));

	s.user(
		'Refactor: rename assertFound to requireFound and move it (with ServiceError) into src/lib/service-error.ts; keep src/lib/errors.ts as a re-export for now. Update every caller.',
		0
	)
		.step('Finding every use.', s.grep('assertFound', { output_mode: 'content' }))
		.step(
			'Reading the current module and its importers’ pattern.',
			s.read('src/lib/errors.ts'),
			s.read('src/lib/router.ts')
		)
		.step(
			'Checking docs that mention it.',
			s.grep('errors\\.ts|ServiceError', { output_mode: 'content', context: 1 })
		)
		.step(
			'Creating the new module.',
			s.write(
				'src/lib/service-error.ts',
				s.files['src/lib/errors.ts']!.replace(
					'export function assertFound<T>',
					'export function requireFound<T>'
				)
			)
		)
		.step(
			'errors.ts becomes a re-export.',
			s.write(
				'src/lib/errors.ts',
				"// Moved to service-error.ts; this re-export goes away in the next release.\nexport { ServiceError, requireFound, type ServiceErrorKind } from './service-error';\n"
			)
		);
	for (let i = 0; i < services.length; i += 3) {
		const batch = services.slice(i, i + 3);
		s.step('Reading services.', ...batch.map(({ path }) => s.read(path)));
		s.step(
			'Updating them.',
			...batch.flatMap(({ path }) => [
				s.edit(
					path,
					"import { assertFound, ServiceError } from '../lib/errors';",
					"import { requireFound, ServiceError } from '../lib/service-error';"
				),
				s.edit(path, 'assertFound(', 'requireFound(', true)
			])
		);
	}
	s.step('Anything left?', s.grep('assertFound', { output_mode: 'content' }))
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.answer(
			'`requireFound` and `ServiceError` now live in `src/lib/service-error.ts`; all 13 services import from there and `src/lib/errors.ts` re-exports them. Tests pass.'
		);

	s.user(
		'Next: services should take a logger in their constructor instead of calling createLogger at module level, so tests can silence or inspect logs. Update services, app.ts and tests.',
		180_000
	)
		.step(
			'How is the logger made and used?',
			s.read('src/lib/logger.ts'),
			s.grep('createLogger|log\\.', { output_mode: 'content' })
		)
		.step('The wiring and a test.', s.read('src/app.ts'), s.read('tests/task.test.ts'));
	for (let i = 0; i < services.length; i += 2) {
		const batch = services.slice(i, i + 2);
		s.step('Re-reading services before the change.', ...batch.map(({ path }) => s.read(path)));
		s.step(
			'Injecting the logger.',
			...batch.flatMap(({ path, entity }) => [
				s.edit(path, `const log = createLogger('${kebab(entity.name)}-service');\n\n`, ''),
				s.edit(
					path,
					"import { createLogger } from '../lib/logger';",
					"import type { Logger } from '../lib/logger';"
				),
				s.edit(
					path,
					'		private readonly clock: Clock\n',
					'		private readonly clock: Clock,\n		private readonly log: Logger\n'
				),
				...(entity.verbs.length > 0 ? [s.edit(path, '		log.info(', '		this.log.info(', true)] : [])
			])
		);
	}
	s.step(
		'Exporting the Logger type.',
		s.edit(
			'src/lib/logger.ts',
			'export function createLogger(scope: string) {',
			'export type Logger = ReturnType<typeof createLogger>;\n\nexport function createLogger(scope: string) {'
		)
	)
		.step(
			'Passing loggers in app.ts.',
			s.edit(
				'src/app.ts',
				"import { Router } from './lib/router';",
				"import { Router } from './lib/router';\nimport { createLogger } from './lib/logger';"
			),
			...services.map(({ entity }) =>
				s.edit(
					'src/app.ts',
					`new ${pascal(entity.name)}Service(stores.`,
					`new ${pascal(entity.name)}Service(createLogger('${kebab(entity.name)}'), stores.`
				)
			)
		)
		.step('Wait: the logger is the last parameter. Re-reading app.ts.', s.read('src/app.ts'));
	s.step(
		'Fixing the argument order.',
		...services.map(({ entity }) => {
			const name = entity.name;
			const plural = name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
			return s.edit(
				'src/app.ts',
				`new ${pascal(name)}Service(createLogger('${kebab(name)}'), stores.${plural}, events, clock);`,
				`new ${pascal(name)}Service(stores.${plural}, events, clock, createLogger('${kebab(name)}'));`
			);
		})
	);
	for (let i = 0; i < services.length; i += 4) {
		const batch = services.slice(i, i + 4);
		s.step('Updating tests to pass a silent logger.', ...batch.map(({ test }) => s.read(test)));
		s.step(
			'Editing them.',
			...batch.flatMap(({ test }) => [
				s.edit(test, "T10:00:00Z'));", "T10:00:00Z'), silentLogger());"),
				s.edit(
					test,
					"import { fixedClock } from './helpers/fixed-clock';",
					"import { fixedClock } from './helpers/fixed-clock';\nimport { silentLogger } from './helpers/silent-logger';"
				)
			])
		);
	}
	s.step(
		'A helper for the silent logger.',
		s.write(
			'tests/helpers/silent-logger.ts',
			"import type { Logger } from '../../src/lib/logger';\n\nexport function silentLogger(): Logger {\n	const noop = () => {};\n	return { debug: noop, info: noop, warn: noop, error: noop };\n}\n"
		)
	)
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.step(
			'Making sure nothing still creates a module-level logger.',
			s.grep('^const log = createLogger', { output_mode: 'files' })
		)
		.answer(
			'Every service now receives a `Logger` as its last constructor argument; `src/app.ts` passes `createLogger(<entity>)`, tests pass `silentLogger()` from `tests/helpers/silent-logger.ts`. The suite passes.'
		);

	s.user(
		'Last one: rename exportCsv to toCsv everywhere (services, routes, docs), and mention it in the changelog.',
		120_000
	).step('Every use.', s.grep('exportCsv', { output_mode: 'content', context: 2 }));
	for (let i = 0; i < services.length; i += 4) {
		const batch = services.slice(i, i + 4);
		s.step('Reading the services again.', ...batch.map(({ path }) => s.read(path)));
		s.step(
			'Renaming.',
			...batch.map(({ path }) => s.edit(path, 'async exportCsv(', 'async toCsv('))
		);
	}
	s.step(
		'Docs and changelog.',
		s.read('CHANGELOG.md'),
		s.grep('CSV|csv', { output_mode: 'content', path: 'docs' })
	)
		.step(
			'Changelog entry.',
			s.edit(
				'CHANGELOG.md',
				'# Changelog\n',
				'# Changelog\n\n## Unreleased\n- Services: `exportCsv` is now `toCsv`; `assertFound` is now `requireFound`; loggers are injected.\n'
			)
		)
		.step('Nothing left?', s.grep('exportCsv', { output_mode: 'files' }))
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.answer(
			'Renamed `exportCsv` to `toCsv` in all 13 services and noted the three renames in `CHANGELOG.md`. Tests pass.'
		);

	return s.build();
}
