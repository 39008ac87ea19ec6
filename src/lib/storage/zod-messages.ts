// Storage's schemas use zod/mini, whose parsers tree-shake to a fraction of full zod (it is on
// every page's load path), but which ships no messages: every issue would read "Invalid input".
// The reasons storage gives for a record it sets aside come from zod's English messages, the
// same ones full zod installs when it loads.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
