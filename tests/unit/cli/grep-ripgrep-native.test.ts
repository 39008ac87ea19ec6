/** `kiln tool grep` on the node runtime without rg on PATH (the in-process engine answers) matches ripgrep (grep-ripgrep-cases.ts). */
import { describeGrepMatchesRipgrep } from './grep-ripgrep-cases';

describeGrepMatchesRipgrep('node (no rg on PATH)', 'node', false);
