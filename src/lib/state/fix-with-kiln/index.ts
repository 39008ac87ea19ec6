// "Fix with Kiln": the message an error becomes, and how it reaches the chat.
export { ADDED_TO_DRAFT, ChatInbox, placeIncoming } from './chat-inbox.svelte';
export {
	isFixable,
	isFixableCommand,
	previewErrorMessage,
	terminalFailureMessage
} from './fix-messages';
