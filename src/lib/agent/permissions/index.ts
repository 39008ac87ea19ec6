// What the agent may do: modes (ask, auto-edit, auto, plan), rules, asking a person, subagent
// limits, and the read-only command check.
export {
	decidePermission,
	permissionFor,
	subagentPermission,
	type AgentMode,
	type PermissionCall,
	type PermissionCheck,
	type PermissionDecision,
	type PermissionVerdict
} from './policy';
export {
	permissionAction,
	permissionGate,
	type PermissionAnswer,
	type PermissionPrompt,
	type PermissionPrompter,
	type PermissionSetup
} from './gate';
export {
	commandMatches,
	formatRule,
	parseRule,
	pathMatches,
	permissionRuleSchema,
	prefixRuleFor,
	RULE_ACTIONS,
	RULE_TOOLS,
	type ParsedRule,
	type PermissionRule,
	type RuleAction
} from './rules';
export { AGENT_MODES, DEFAULT_MODE, isAgentMode, modeLabel, storedMode } from './modes';
export {
	classifyCommand,
	isReadOnlyCommand,
	simpleCommands,
	type CommandVerdict
} from './read-only-command';
export {
	ASK_MODE_REMINDER,
	AUTO_EDIT_MODE_REMINDER,
	NORMAL_MODE_REMINDER,
	PLAN_MODE_REMINDER,
	planApprovedMessage
} from './reminders';
