// The agent's code as the chat loads it: the loop, the tools with their zod schemas and the
// subagents (the project map's grammars load apart: load-outliner.ts). Only agent-loader.ts
// imports this module, and only dynamically, so none of it is in the IDE's route bundle.
export {
	Agent,
	prepareSessionContext,
	projectAgentOptions,
	warmSessionTokenCounts
} from '../../agent';
