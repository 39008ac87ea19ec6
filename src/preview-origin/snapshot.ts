// Bundled to /__kiln/snapshot.js; the bridge loads it into a preview page when the IDE first
// asks for an outline of the page, and finds it under SNAPSHOT_GLOBAL.
import { accessibilityOutline, SNAPSHOT_GLOBAL } from '../lib/preview/snapshot';

(window as unknown as Record<string, unknown>)[SNAPSHOT_GLOBAL] = accessibilityOutline;
