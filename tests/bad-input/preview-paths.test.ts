import { describe, expect, test } from 'vitest';
import { routePreviewRequest } from '../../src/lib/preview';
import { recordRow } from '../suite-table/row';

describe('hostile preview URLs', () => {
	for (const [label, path] of [
		['preview path with ..', '/preview/p1/../../project/p1'],
		['preview path with encoded ..', '/preview/p1/%2e%2e/%2e%2e/secret'],
		['preview path with encoded slash', '/preview/p1/a%2F..%2Fb']
	] as const) {
		test(label, ({ task }) => {
			const route = routePreviewRequest(new URL(`http://localhost${path}`), '', '');
			// URL parsing may already fold a literal `..`; either way nothing outside the project is served.
			const outcome =
				route?.kind === 'invalid'
					? `refused: ${route.reason}`
					: route?.kind === 'file'
						? `served project file '${route.path}'`
						: `passed through (${route?.kind ?? 'IDE route'})`;
			expect(route?.kind === 'file' ? route.path.includes('..') : false).toBe(false);
			if (route?.kind === 'file') expect(route.projectId).toBe('p1');
			recordRow(task, { input: `${label}: ${path}`, 'what Kiln did': outcome });
		});
	}
});
