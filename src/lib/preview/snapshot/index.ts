// The preview origin's snapshot script (bundled to /__kiln/snapshot.js, loaded by the bridge when
// the IDE first asks for an outline of the page).
export { accessibilityOutline } from './outline';
export { SNAPSHOT_GLOBAL } from '../bridge-protocol';
