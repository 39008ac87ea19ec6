// What the agent may do: modes (normal, plan), subagent limits, and the read-only command check.
export {
	agentPermission,
	combinePermissions,
	permissionFor,
	subagentPermission,
	type AgentMode,
	type PermissionCheck,
	type PermissionDecision
} from './policy';
export { classifyCommand, isReadOnlyCommand, type CommandVerdict } from './read-only-command';
export { NORMAL_MODE_REMINDER, PLAN_MODE_REMINDER, planApprovedMessage } from './reminders';
