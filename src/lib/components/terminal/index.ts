export { default as Terminal } from './Terminal.svelte';
export { preloadTerminal } from './load-xterm';
export {
	TerminalController,
	type ConnectShell,
	type TerminalState,
	type TerminalSurface
} from './terminal-controller';
