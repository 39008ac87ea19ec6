/**
 * The session-context text that follows the environment in the system prompt: frozen at session
 * start, so it must be deterministic for the same project (no dates, no timings).
 */

export interface SessionContextParts {
	/** AGENTS.md (loadProjectMemory). */
	memory?: string | null;
	/** The project map (buildProjectMap). */
	map?: string | null;
}

/** Undefined when there is nothing to add. */
export function formatSessionContext(parts: SessionContextParts): string | undefined {
	const sections: string[] = [];
	if (parts.memory?.trim()) {
		sections.push(
			`# Project memory (AGENTS.md: the person's standing instructions for this project)\n${parts.memory.trim()}`
		);
	}
	if (parts.map?.trim()) sections.push(`# Project map (at session start)\n${parts.map.trim()}`);
	return sections.length === 0 ? undefined : sections.join('\n\n');
}
