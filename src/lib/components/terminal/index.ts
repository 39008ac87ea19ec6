export { default as Terminal } from './Terminal.svelte';
export {
	TerminalController,
	type ConnectShell,
	type TerminalState,
	type TerminalSurface
} from './terminal-controller';
