// The tools' summaries of their calls, for the transcript's cards: loaded only dynamically
// (tool-summaries.ts), since the tools bring their zod schemas.
export { summarizeToolCall } from '../../tools';
