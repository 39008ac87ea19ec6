/** `kiln tool grep` on the browser runtime (the in-process engine over an in-memory copy) matches ripgrep (grep-ripgrep-cases.ts). */
import { describeGrepMatchesRipgrep } from './grep-ripgrep-cases';

describeGrepMatchesRipgrep('browser', 'browser', true);
