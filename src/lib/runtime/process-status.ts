/**
 * Words for a process's state, the same in the tools' answers to the model, its reminders and
 * the Processes panel. Plain text over ProcessInfo, so the panel needs none of the tools' code.
 */
import type { ProcessInfo } from './process-types';

export function describeProcessStatus(info: ProcessInfo, now = Date.now()): string {
	switch (info.status) {
		case 'running':
			return `running for ${formatAge(now - info.startedAt)}`;
		case 'exited':
			return `exited with code ${info.exitCode ?? 1}`;
		case 'stopped':
			return info.stoppedBy === 'agent'
				? 'stopped (bash_kill)'
				: info.stoppedBy === 'person'
					? 'stopped by the person'
					: 'stopped when the session closed';
	}
}

/** "12 s", "3 min 5 s", "2 h 4 min". */
export function formatAge(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
