/**
 * Vitest setup: `vi.waitFor` gives up after 10 s by default instead of 1 s. Tests run several
 * workers on a 2-core machine, where a child process or a lazily loaded module can take seconds
 * to answer; a wait still ends as soon as its condition holds, so passing tests are not slower.
 * (`expect.poll` gets the same through the `expect.poll.timeout` setting in vite.config.ts.)
 */
import { vi } from 'vitest';

const DEFAULT_TIMEOUT_MS = 10_000;
const waitFor = vi.waitFor.bind(vi);

vi.waitFor = ((callback, options) =>
	waitFor(
		callback,
		typeof options === 'number' ? options : { timeout: DEFAULT_TIMEOUT_MS, ...options }
	)) as typeof vi.waitFor;
