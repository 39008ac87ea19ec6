/** Why the review's Revert buttons are locked right now, or null when they may be used. */
export function revertLockReason(readOnly: boolean, agentRunning: boolean): string | null {
	if (readOnly) return 'This project is open in another tab: Take over to revert files here.';
	if (agentRunning) return 'Revert waits until the agent’s turn ends (or press Stop).';
	return null;
}
