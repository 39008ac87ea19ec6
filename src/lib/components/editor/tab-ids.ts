/** The id of the n-th editor tab, shared by the tablist and the panel that points back at it. */
export function tabId(prefix: string, index: number): string {
	return `${prefix}-tab-${index}`;
}
