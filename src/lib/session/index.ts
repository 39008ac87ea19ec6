// The vocabulary the agent writes and storage keeps: session events and the log they go to, the
// permission modes they record, and the grammar of stored permission rules.
export type {
	AgentError,
	AgentMode,
	RequestLayer,
	RequestLayerName,
	RequestSnapshot,
	SessionEvent,
	TurnEndReason
} from './events';
export { memorySessionLog, type SessionLog } from './session-log';
export {
	base64ToBytes,
	bytesToBase64,
	describeImage,
	imageRefOf,
	sha256OfBytes,
	IMAGE_MEDIA_TYPES,
	type ImageRef,
	type SessionImage
} from './images';
export {
	formatRule,
	parseRule,
	permissionRuleSchema,
	RULE_ACTIONS,
	RULE_TOOLS,
	type ParsedRule,
	type PermissionRule,
	type RuleAction,
	type RuleParse
} from './permission-rule';
