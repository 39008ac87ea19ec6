/**
 * Session (b): a bug hunt. Every list skips its first page. Many greps and reads across
 * services, routes, views and tests before the one-line fix, then a follow-up sweep of the
 * views after a long break (the cache expires).
 */
import { ENTITIES, kebab } from '../fixture/entities';
import { SessionBuilder } from './session-builder';
import type { BenchSession } from './types';

export function bugHuntSession(): BenchSession {
	const s = new SessionBuilder('bug-hunt', 'Bug hunt: lists skip their first page', {
		paginationBug: true
	});

	s.user(
		'Users report that lists in Tally are missing items: the newest tasks never show up on the first page, and short lists look empty. Find the cause and fix it.',
		0
	)
		.step('Reproducing with the test suite first.', s.bash('bash scripts/check.sh'))
		.step(
			'Every "one page at a time" test fails. Looking for pagination code.',
			s.grep('page', { output_mode: 'files' })
		)
		.step('Narrowing down.', s.grep('paginate|pageSize', { output_mode: 'content' }))
		.step(
			'The failing test and the service it exercises.',
			s.read('tests/task.test.ts'),
			s.read('src/services/task-service.ts')
		)
		.step(
			'The store could be dropping items.',
			s.read('src/lib/store.ts'),
			s.read('tests/helpers/fixed-clock.ts')
		)
		.step(
			'Sorting by updatedAt: with a fixed clock all items tie. Checking how ids and clocks are made.',
			s.read('src/lib/ids.ts'),
			s.read('src/lib/clock.ts')
		)
		.step(
			'How routes read the page query.',
			s.read('src/api/task-routes.ts'),
			s.read('src/lib/router.ts')
		)
		.step('And the HTTP helpers.', s.read('src/lib/http.ts'))
		.step(
			'Where else is list() called with a page?',
			s.grep('\\.list\\(', { output_mode: 'content', context: 3 })
		)
		.step(
			'Comparing with another entity’s service.',
			s.read('src/services/comment-service.ts'),
			s.read('tests/comment.test.ts')
		)
		.step(
			'Is the filter rejecting items?',
			s.grep('private matches', { output_mode: 'content', context: 12, glob: 'src/services/*.ts' })
		)
		.step('Now the pagination helper itself.', s.read('src/lib/paginate.ts'))
		.step(
			'The docs say pages are 1-based.',
			s.grep('1-based', { output_mode: 'content', ignore_case: true }),
			s.read('docs/architecture.md')
		)
		.step(
			'Views compute pages too.',
			s.read('src/ui/task-view.ts'),
			s.read('src/ui/project-view.ts')
		)
		.step(
			'Checking git-style history notes for a recent change.',
			s.read('CHANGELOG.md'),
			s.read('docs/decisions/0003-validation.md')
		)
		.step(
			'Found it: `start = page * pageSize` with 1-based pages skips the first page. Fixing.',
			s.edit(
				'src/lib/paginate.ts',
				'	const start = page * pageSize;',
				'	const start = (page - 1) * pageSize;'
			)
		)
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.step(
			'All green. Checking nothing else multiplies page by size.',
			s.grep('\\* pageSize|\\*pageSize', { output_mode: 'content' })
		)
		.answer(
			'The cause was `src/lib/paginate.ts`: pages are 1-based but the offset was `page * pageSize`, so page 1 started at the second page. It is now `(page - 1) * pageSize`; the whole suite passes.'
		);

	s.user(
		'Add a regression test for paginate itself, and check parsePageQuery handles odd input.',
		150_000
	)
		.step(
			'Reading the helper and a test file for the style.',
			s.read('src/lib/paginate.ts'),
			s.read('tests/project.test.ts')
		)
		.step(
			'Writing tests/paginate.test.ts.',
			s.write(
				'tests/paginate.test.ts',
				[
					"import { describe, expect, it } from 'vitest';",
					"import { paginate, parsePageQuery } from '../src/lib/paginate';",
					'',
					"describe('paginate', () => {",
					'	const items = Array.from({ length: 10 }, (_, i) => i);',
					"	it('starts page 1 at the first item', () => {",
					'		expect(paginate(items, { page: 1, pageSize: 3 }).items).toEqual([0, 1, 2]);',
					'	});',
					"	it('returns the last partial page', () => {",
					'		expect(paginate(items, { page: 4, pageSize: 3 }).items).toEqual([9]);',
					'	});',
					"	it('clamps page sizes', () => {",
					'		expect(paginate(items, { pageSize: 0 }).pageSize).toBe(1);',
					'	});',
					'});',
					'',
					"describe('parsePageQuery', () => {",
					"	it('ignores what is not a positive integer', () => {",
					"		expect(parsePageQuery(new URLSearchParams('page=-1&pageSize=abc'))).toEqual({ page: undefined, pageSize: undefined });",
					'	});',
					'});',
					''
				].join('\n')
			)
		)
		.step('Running it.', s.bash('bash scripts/check.sh paginate'))
		.step(
			'Every route passes the query through parsePageQuery?',
			s.grep('parsePageQuery', { output_mode: 'content' })
		)
		.step(
			'Spot-checking two route files.',
			s.read('src/api/sprint-routes.ts'),
			s.read('src/api/webhook-routes.ts')
		)
		.step('Whole suite.', s.bash('bash scripts/check.sh'))
		.answer(
			'Added `tests/paginate.test.ts` (first page, last partial page, clamping, odd query strings). Every route uses `parsePageQuery`; the suite passes.'
		);

	// The person comes back after a break longer than the cache lifetime.
	s.user(
		'The pager says "Page 1 of 0" on empty lists. Check every view and fix it.',
		7 * 60_000
	).step(
		'Finding the pagers.',
		s.grep('function renderPager', { output_mode: 'content', context: 4 })
	);
	const views = ENTITIES.map((entity) => `src/ui/${kebab(entity.name)}-view.ts`);
	for (let i = 0; i < views.length; i += 3) {
		const batch = views.slice(i, i + 3);
		s.step('Reading views.', ...batch.map((path) => s.read(path)));
		s.step(
			'Fixing their pagers.',
			...batch.map((path) =>
				s.edit(
					path,
					'	const pages = Math.max(1, Math.ceil(page.total / page.pageSize));',
					"	const pages = Math.max(1, Math.ceil(page.total / Math.max(1, page.pageSize)));\n	if (page.total === 0) return '';"
				)
			)
		);
	}
	s.step(
		'Checking none were missed.',
		s.grep('Math.ceil\\(page.total / page.pageSize\\)', { output_mode: 'files' })
	)
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.answer(
			'Every view’s pager now hides itself for empty lists and never divides by zero (13 files in `src/ui/`). Tests pass.'
		);

	s.user(
		'One more: bulkUpdate stops at the first failure but never says which ids it skipped. Check every service and make it report them.',
		60_000
	)
		.step(
			'Seeing every bulkUpdate.',
			s.grep('async bulkUpdate', { output_mode: 'content', context: 16 })
		)
		.step('And the callers.', s.grep('bulkUpdate\\(', { output_mode: 'files' }));
	const services = ENTITIES.map((entity) => `src/services/${kebab(entity.name)}-service.ts`);
	for (let i = 0; i < services.length; i += 4) {
		const batch = services.slice(i, i + 4);
		s.step('Reading services.', ...batch.map((path) => s.read(path)));
		s.step(
			'Reporting the skipped ids.',
			...batch.flatMap((path) => [
				s.edit(
					path,
					'failed?: { id: string; reason: string } }>',
					'failed?: { id: string; reason: string }; skipped?: string[] }>'
				),
				s.edit(
					path,
					'				return { changed, failed: { id, reason } };',
					'				return { changed, failed: { id, reason }, skipped: ids.slice(ids.indexOf(id) + 1) };'
				)
			])
		);
	}
	s.step('Running the suite.', s.bash('bash scripts/check.sh')).answer(
		'`bulkUpdate` in all 13 services now returns `skipped` (the ids after the failing one) next to `changed` and `failed`. Tests pass.'
	);

	return s.build();
}
