// zod/mini ships no messages, and sharing's schemas have a copy of zod of their own in the
// client build (tooling/zod-mini-copy.ts): what a link or a session document has wrong is said
// in zod's English messages, as storage and the tools install them in theirs.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
