// Loaded with a dynamic import only: xterm (about 80 KB gzip) and its stylesheet stay out of
// the first paint.
import '@xterm/xterm/css/xterm.css';

export { Terminal } from '@xterm/xterm';
export { FitAddon } from '@xterm/addon-fit';
