export { default as FileTree } from './FileTree.svelte';
export { default as TreeNotice } from './TreeNotice.svelte';
export { default as ContextMenu, type MenuItem } from './ContextMenu.svelte';
export {
	flattenTree,
	ancestorsOf,
	movePath,
	dropFolderAt,
	type TreeRow,
	type ListDir,
	type OpenSource
} from './tree-model';
export { treeKeyAction, type TreeAction, type TreeKey } from './tree-keys';
export { validateName, type NameCheck, type NameCheckOptions } from './name-validation';
export { type AgentChange } from './AgentMark.svelte';
export { checkMovePath, checkMoveInto, type MoveCheck, type MoveCheckOptions } from './move-target';
