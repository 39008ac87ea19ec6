export { LineShell, type LineShellOptions } from './line-shell';
