/// <reference lib="webworker" />
// Makes the file tree's collator in a worker: the first collator a page makes loads ICU's
// collation data, and ICU keeps it for the whole renderer process, so the tree's own is then
// ready at once without the page's main thread paying for it (early-open.ts warmCollation).
// A file of its own rather than a blob: URL, which the page's script-src refuses.
import { TREE_COLLATION } from './tree-collation';

new Intl.Collator(undefined, TREE_COLLATION).compare('a', 'b');
(self as unknown as Worker).postMessage('warmed');
