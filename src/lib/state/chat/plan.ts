import type { ChatTurn } from './view-model';

/**
 * The plan a plan-mode turn ended with: what the model wrote in its last step that had text
 * (earlier steps are the investigation around tool calls).
 */
export function planText(turn: ChatTurn): string {
	const texts = turn.items.filter((item) => item.kind === 'text');
	const last = texts.at(-1);
	if (!last) return '';
	return texts
		.filter((item) => item.step === last.step)
		.map((item) => item.text)
		.join('\n\n')
		.trim();
}
