// zod/mini ships no messages: every problem with a tool's arguments would read "Invalid input".
// The model is told what is wrong in zod's English messages, the ones full zod installs when it
// loads (storage installs the same for its records; whichever runs first, the result is one).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
