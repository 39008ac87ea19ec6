/**
 * The options the file tree's collator orders names with (workspace/file-index.ts compareNames),
 * for the early reads to warm ICU with the same ones without importing the workspace.
 */
export const TREE_COLLATION: Intl.CollatorOptions = { numeric: true, sensitivity: 'base' };
