// "Fix with Kiln": the message an error becomes, and how it reaches the chat.
export { ADDED_TO_DRAFT, ChatInbox, placeIncoming } from './chat-inbox.svelte';
export { isFixable, isFixableCommand } from './fixable';

/** The message texts, needed only once someone presses the button: kept out of the first paint. */
export const loadFixMessages = () => import('./fix-messages');
