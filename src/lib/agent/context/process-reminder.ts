/**
 * Background processes the agent started that ended while it was not looking (a dev server that
 * crashed, one the person stopped): told in its next user message as a reminder, with the end of
 * what the process printed, so it can fix the cause instead of trusting a dead server.
 */
import {
	describeProcessStatus,
	type BackgroundProcesses,
	type ProcessEndNotice
} from '../../runtime';
import { wrapReminder } from './reminders';

/** Takes the runtime's unseen ends (each is told once) and words them; undefined when none. */
export function processEndReminder(processes: BackgroundProcesses | undefined): string | undefined {
	const notices = processes?.takeUnseenEnds() ?? [];
	if (notices.length === 0) return undefined;
	return wrapReminder(
		[
			'Background processes you started have ended since you last looked at them:',
			...notices.map(describeEnd),
			'Start one again with bash (run_in_background: true) if it is still needed, after fixing what made it stop.'
		].join('\n\n')
	);
}

function describeEnd({ info, tail }: ProcessEndNotice): string {
	const crashed = info.status === 'exited' && info.exitCode !== 0 ? ' (it crashed)' : '';
	const output = tail.trim() === '' ? '(it printed nothing)' : tail.replace(/\n+$/, '');
	return `${info.id} (${info.command}): ${describeProcessStatus(info)}${crashed}. The end of its output:\n${output}`;
}
