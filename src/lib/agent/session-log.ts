// The log's interface lives with the events (src/lib/session), where storage implements it.
export { memorySessionLog, type SessionLog } from '../session';
