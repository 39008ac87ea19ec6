// zod/mini ships no messages: every problem with a tool's arguments would read "Invalid input".
// The tools have a copy of zod of their own in the client build (tooling/zod-mini-copy.ts), so
// they install zod's English messages in it themselves, as storage and sharing do in theirs.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
