// A project's permission rules as the chat (and its agent) and Settings share them.
export { PermissionRules, type PermissionRuleStore } from './permission-rules.svelte';
