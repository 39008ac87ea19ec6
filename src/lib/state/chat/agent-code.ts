// The agent's code as the chat loads it: the loop, the tools with their zod schemas, the
// subagents and the project map's outline parsers. Only agent-loader.ts imports this module, and
// only dynamically, so none of it is in the IDE's route bundle.
export {
	Agent,
	prepareSessionContext,
	projectAgentOptions,
	warmSessionTokenCounts
} from '../../agent';
