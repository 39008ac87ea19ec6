/** A task card's glimpse of its subagent: what it was asked, its tool steps, its latest words. */
import type { LiveEvent } from '../../agent';
import type { SubagentLiveEvent } from './chat-events';
import { summarizerOf, type ReducerOptions } from './transcript-summary';
import type { SubagentProgress, SubagentStep, ToolCard } from './view-model';

/** Keeps the tail of what a subagent is writing: a glimpse, not its transcript. */
const MAX_SUBAGENT_TEXT_CHARS = 240;

export function subagentFromInput(
	card: Pick<ToolCard, 'subagent'>,
	input: unknown
): SubagentProgress {
	const args = (input ?? {}) as { description?: unknown; agent?: unknown };
	const description = typeof args.description === 'string' ? args.description : '';
	const agent = args.agent === 'general' || args.agent === 'explore' ? args.agent : undefined;
	return {
		steps: [],
		...card.subagent,
		description: card.subagent?.description || description,
		...(agent !== undefined && { agent })
	};
}

/** The task call's result: the subagent's own summary of how it went, from the metadata. */
export function settleSubagent(card: ToolCard): ToolCard {
	const meta = card.metadata?.subagent;
	const progress = card.subagent ?? subagentFromInput(card, card.input);
	const steps = progress.steps.map((step): SubagentStep =>
		step.state === 'pending' || step.state === 'running' ? { ...step, state: 'error' } : step
	);
	const subagent: SubagentProgress = {
		...progress,
		steps,
		...(meta && {
			description: meta.description || progress.description,
			agent: meta.agent,
			reason: meta.reason,
			modelSteps: meta.steps,
			usage: meta.usage,
			model: meta.model
		})
	};
	return { ...card, subagent };
}

export function applySubagentEvent(
	card: ToolCard,
	wrapped: SubagentLiveEvent,
	options: ReducerOptions
): ToolCard {
	const progress = card.subagent ?? subagentFromInput(card, card.input);
	const next = reduceSubagent(progress, wrapped.event, options);
	return next === progress && card.subagent ? card : { ...card, subagent: next };
}

function reduceSubagent(
	progress: SubagentProgress,
	event: LiveEvent,
	options: ReducerOptions
): SubagentProgress {
	const updateStep = (id: string, update: (step: SubagentStep) => SubagentStep) => {
		if (!progress.steps.some((step) => step.id === id)) return progress;
		return {
			...progress,
			steps: progress.steps.map((step) => (step.id === id ? update(step) : step))
		};
	};
	switch (event.type) {
		case 'step-start':
			return { ...progress, latestText: '' };
		case 'text-delta':
			return {
				...progress,
				latestText: ((progress.latestText ?? '') + event.text).slice(-MAX_SUBAGENT_TEXT_CHARS)
			};
		case 'tool-call-start':
			if (progress.steps.some((step) => step.id === event.id)) return progress;
			return {
				...progress,
				steps: [
					...progress.steps,
					{ id: event.id, name: event.name, summary: '', state: 'pending' }
				]
			};
		case 'tool-call-ready': {
			const summary = event.summary || summarizerOf(options)(event.name, event.input);
			if (!progress.steps.some((step) => step.id === event.id)) {
				return {
					...progress,
					steps: [...progress.steps, { id: event.id, name: event.name, summary, state: 'pending' }]
				};
			}
			return updateStep(event.id, (step) => ({ ...step, name: event.name, summary }));
		}
		case 'tool-running':
			return updateStep(event.id, (step) => ({ ...step, state: 'running' }));
		case 'persisted': {
			const stored = event.event;
			if (stored.type !== 'tool-result') return progress;
			return updateStep(stored.toolCallId, (step) => ({
				...step,
				state: stored.ok ? 'completed' : 'error'
			}));
		}
		default:
			return progress;
	}
}
