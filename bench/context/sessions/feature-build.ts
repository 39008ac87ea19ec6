/**
 * Session (a): a feature build. Reminders for tasks: a model, a service, routes, a view, styles,
 * tests, wiring, docs, then webhooks for them. Reads, writes, edits and test runs.
 */
import { ENTITIES, kebab, type Entity } from '../fixture/entities';
import {
	modelFile,
	routesFile,
	serviceFile,
	styleFile,
	testFile,
	viewFile
} from '../fixture/entity-files';
import { Random } from '../fixture/random';
import { SessionBuilder } from './session-builder';
import type { BenchSession } from './types';

const reminder: Entity = {
	name: 'reminder',
	fields: [
		{ name: 'taskId', type: 'string' },
		{ name: 'userId', type: 'string' },
		{ name: 'remindAt', type: 'string' },
		{ name: 'channel', type: 'string' },
		{ name: 'sentAt', type: 'string | null' }
	],
	verbs: ['snooze', 'send', 'cancel']
};

export function featureBuildSession(): BenchSession {
	const s = new SessionBuilder('feature-build', 'Feature build: task reminders');
	const random = new Random(7);
	const plan = [
		'Model and validation for reminders',
		'ReminderService with snooze/send/cancel',
		'Routes under /api/reminders',
		'Wire into app.ts and stores.ts, enable the feature flag',
		'Tests',
		'View and styles',
		'Docs and changelog'
	];

	s.user(
		'Add due-date reminders to Tally: a user can ask to be reminded about a task at a given time (by email or in-app). Follow the existing patterns for entities, wire it into the app and add tests.',
		0
	)
		.step(
			'Let me look at the project layout first.',
			s.list(),
			s.read('AGENTS.md'),
			s.read('README.md')
		)
		.step(
			'Architecture notes and the source tree.',
			s.read('docs/architecture.md'),
			s.glob('src/**/*.ts')
		)
		.step(
			'Tasks are the closest entity; reading its model, service and routes.',
			s.read('src/models/task.ts'),
			s.read('src/services/task-service.ts'),
			s.read('src/api/task-routes.ts')
		)
		.step(
			'Notifications will deliver in-app reminders.',
			s.read('src/models/notification.ts'),
			s.read('src/services/notification-service.ts'),
			s.read('src/lib/event-bus.ts')
		)
		.step('Where are due dates used today?', s.grep('dueDate', { output_mode: 'content' }))
		.step(
			'Shared helpers I will need.',
			s.read('src/lib/date-range.ts'),
			s.read('src/lib/config.ts'),
			s.read('src/app.ts'),
			s.read('src/stores.ts')
		)
		.step('Planning the work.', s.todo(plan, 0))
		.step('The model first.', s.write('src/models/reminder.ts', modelFile(reminder, random)))
		.step(
			'Now the service.',
			s.todo(plan, 1),
			s.write('src/services/reminder-service.ts', serviceFile(reminder, random))
		)
		.step(
			'Checking the error and store helpers the service uses.',
			s.read('src/lib/errors.ts'),
			s.read('src/lib/store.ts'),
			s.read('src/lib/paginate.ts')
		)
		.step(
			'Routes next.',
			s.todo(plan, 2),
			s.write('src/api/reminder-routes.ts', routesFile(reminder))
		)
		.step(
			'Wiring the service into the app.',
			s.todo(plan, 3),
			s.edit(
				'src/app.ts',
				"import type { Stores } from './stores';",
				"import type { Stores } from './stores';\nimport { ReminderService } from './services/reminder-service';\nimport { registerReminderRoutes } from './api/reminder-routes';"
			),
			s.edit(
				'src/app.ts',
				'	return { router, events, services: { ',
				'	const reminders = new ReminderService(stores.reminders, events, clock);\n	registerReminderRoutes(router, reminders);\n	return { router, events, services: { reminders, '
			)
		)
		.step(
			'The store for reminders.',
			s.edit(
				'src/stores.ts',
				"import { memoryStore, type Store } from './lib/store';",
				"import { memoryStore, type Store } from './lib/store';\nimport type { Reminder } from './models/reminder';"
			),
			s.edit(
				'src/stores.ts',
				'export interface Stores {\n',
				'export interface Stores {\n	reminders: Store<Reminder>;\n'
			),
			s.edit('src/stores.ts', '	return {\n', '	return {\n		reminders: memoryStore(),\n')
		)
		.step(
			'Turning the feature flag on.',
			s.edit('src/lib/config.ts', 'reminders: false', 'reminders: true')
		)
		.step(
			'Tests, following tests/task.test.ts.',
			s.todo(plan, 4),
			s.read('tests/task.test.ts'),
			s.read('tests/helpers/recording-bus.ts'),
			s.read('tests/helpers/fixed-clock.ts')
		)
		.step(
			'Writing the reminder tests.',
			s.write('tests/reminder.test.ts', testFile(reminder, random))
		)
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.step('Double-checking the new service once more.', s.read('src/services/reminder-service.ts'))
		.step(
			'Reminders should not be scheduled in the past; adding that rule.',
			s.edit(
				'src/models/reminder.ts',
				'	return errors;\n}',
				"	if (typeof input.remindAt === 'string' && input.remindAt < new Date().toISOString()) {\n		errors.push({ field: 'remindAt', message: 'remindAt must be in the future.' });\n	}\n	return errors;\n}"
			)
		)
		.step('Running the reminder tests again.', s.bash('bash scripts/check.sh reminder'))
		.answer(
			'Reminders are in: `src/models/reminder.ts`, `src/services/reminder-service.ts` (snooze, send, cancel), routes under `/api/reminders`, wired into `src/app.ts` and `src/stores.ts`, the `reminders` feature flag is on, and `tests/reminder.test.ts` passes with the rest of the suite.'
		);

	s.user('Nice. Show a task’s reminders in the task view, with its own styles.', 120_000)
		.step(
			'Reading the task view and its styles.',
			s.todo(plan, 5),
			s.read('src/ui/task-view.ts'),
			s.read('src/styles/task.css')
		)
		.step(
			'And the formatting helpers and tokens.',
			s.read('src/lib/format.ts'),
			s.read('src/styles/tokens.css'),
			s.read('src/styles/layout.css')
		)
		.step('A view for reminders.', s.write('src/ui/reminder-view.ts', viewFile(reminder, random)))
		.step('Its styles.', s.write('src/styles/reminder.css', styleFile(reminder, random)))
		.step(
			'Linking reminders from each task row.',
			s.edit(
				'src/ui/task-view.ts',
				"import type { Task } from '../models/task';",
				"import type { Task } from '../models/task';\nimport type { Reminder } from '../models/reminder';\nimport { renderReminderRow } from './reminder-view';"
			),
			s.edit(
				'src/ui/task-view.ts',
				'export function renderTaskForm(',
				"export function renderTaskReminders(reminders: Reminder[]): string {\n	if (reminders.length === 0) return '';\n	return `<table class=\"task-reminders\">${reminders.map(renderReminderRow).join('')}</table>`;\n}\n\nexport function renderTaskForm("
			)
		)
		.step(
			'Where is renderTaskRow used?',
			s.grep('renderTask(Row|List|Form)', { output_mode: 'content', context: 2 })
		)
		.step(
			'Styling the reminders table inside a task.',
			s.edit(
				'src/styles/task.css',
				'.task-pager {',
				'.task-reminders {\n	margin-top: var(--space-2);\n	font-size: var(--font-size-sm);\n}\n\n.task-pager {'
			)
		)
		.step(
			'Checking how other views are styled for consistency.',
			s.read('src/ui/comment-view.ts'),
			s.read('src/styles/comment.css')
		)
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.answer(
			'The task view now shows a task’s reminders (`renderTaskReminders` in `src/ui/task-view.ts`), with `src/ui/reminder-view.ts` and `src/styles/reminder.css`. Tests pass.'
		);

	s.user('Document the reminder routes in docs/api.md and add a changelog entry.', 90_000)
		.step(
			'Reading the API docs and changelog.',
			s.todo(plan, 6),
			s.read('docs/api.md'),
			s.read('CHANGELOG.md')
		)
		.step(
			'Adding the reminders section.',
			s.edit(
				'docs/api.md',
				'## Tasks\n',
				'## Reminders\n\nReminders are listed newest first. Every list takes ?page= and ?pageSize= (1-based pages).\n\n| Method | Path | Body | Answer |\n| ------ | ---- | ---- | ------ |\n| GET | `/api/reminders` | — | a page of reminders |\n| POST | `/api/reminders` | a new reminder | 201 and the reminder |\n| POST | `/api/reminders/:id/snooze` | — | the reminder after snooze |\n| POST | `/api/reminders/:id/send` | — | the reminder after send |\n| POST | `/api/reminders/:id/cancel` | — | the reminder after cancel |\n\n## Tasks\n'
			)
		)
		.step(
			'Changelog.',
			s.edit(
				'CHANGELOG.md',
				'# Changelog\n',
				'# Changelog\n\n## 0.10.0\n- Task reminders by email or in-app.\n'
			)
		)
		.step(
			'Contributing guide mentions new entities; checking it is still accurate.',
			s.read('docs/contributing.md')
		)
		.answer('Documented `/api/reminders` in `docs/api.md` and added 0.10.0 to `CHANGELOG.md`.');

	s.user('Webhooks should fire when a reminder is sent. Add that, with a test.', 60_000)
		.step(
			'How do webhooks subscribe today?',
			s.grep('events\\.on\\(|emit\\(', { output_mode: 'content' })
		)
		.step(
			'Reading the webhook code.',
			s.read('src/models/webhook.ts'),
			s.read('src/services/webhook-service.ts'),
			s.read('src/api/webhook-routes.ts')
		)
		.step('And its tests.', s.read('tests/webhook.test.ts'))
		.step(
			'Subscribing webhooks to reminder.send.',
			s.edit(
				'src/services/webhook-service.ts',
				'	) {}',
				"	) {\n		this.events.on('reminder.send', (payload) => {\n			log.info('webhook.reminder', payload);\n		});\n	}"
			)
		)
		.step(
			'Re-reading the service to make sure the constructor is right.',
			s.read('src/services/webhook-service.ts')
		)
		.step(
			'A test for it.',
			s.edit(
				'tests/webhook.test.ts',
				"describe('validateWebhook', () => {",
				"describe('webhooks and reminders', () => {\n	it('listen for reminder.send', () => {\n		const bus = recordingBus();\n		new WebhookService(memoryStore(), bus, fixedClock('2025-03-01T10:00:00Z'));\n		expect(bus.emitted).toEqual([]);\n	});\n});\n\ndescribe('validateWebhook', () => {"
			)
		)
		.step('Running everything.', s.bash('bash scripts/check.sh'))
		.step(
			'A last look at what changed in the services folder.',
			s.bash('ls -la src/services && wc -l src/services/*.ts')
		)
		.answer(
			'Webhooks now listen for `reminder.send` (in the `WebhookService` constructor) and `tests/webhook.test.ts` covers it. All tests pass.'
		);

	s.user(
		'Before I ship: go through every view for accessibility (labelled buttons, headings) and fix the forms and detail panels.',
		4 * 60_000
	);
	const views = [...ENTITIES.map((entity) => kebab(entity.name)), 'reminder'];
	for (let i = 0; i < views.length; i += 3) {
		const batch = views.slice(i, i + 3);
		s.step(
			'Reading views and their styles.',
			...batch.flatMap((name) => [
				s.read(`src/ui/${name}-view.ts`),
				s.read(`src/styles/${name}.css`)
			])
		);
		s.step(
			'Labelling the submit buttons and action groups.',
			...batch.flatMap((name) => [
				s.edit(
					`src/ui/${name}-view.ts`,
					'type="submit">Save</button>',
					'type="submit" aria-label="Save">Save</button>'
				),
				s.edit(
					`src/ui/${name}-view.ts`,
					`<div class="${name}-detail__actions">`,
					`<div class="${name}-detail__actions" role="group" aria-label="Actions">`
				)
			])
		);
	}
	s.step(
		'Anything unlabelled left?',
		s.grep('<button(?![^>]*aria-label)', { output_mode: 'content', glob: 'src/ui/*.ts' })
	)
		.step('Running the suite.', s.bash('bash scripts/check.sh'))
		.answer(
			'Every view’s submit button and detail action group now has an accessible name (14 views in `src/ui/`). Tests pass.'
		);

	return s.build();
}
