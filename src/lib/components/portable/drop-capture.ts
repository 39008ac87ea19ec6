import type { DroppedItems } from '$lib/share';

/**
 * What was dropped, taken from the DataTransfer during the drop event: its items are gone once
 * the handler returns, so this runs synchronously, before share (loaded on demand) reads them.
 */
export function captureDrop(transfer: DataTransfer): DroppedItems {
	const entries: FileSystemEntry[] = [];
	const files: File[] = [];
	for (const item of transfer.items) {
		if (item.kind !== 'file') continue;
		const entry = item.webkitGetAsEntry?.();
		if (entry) entries.push(entry);
		else {
			const file = item.getAsFile();
			if (file) files.push(file);
		}
	}
	return { entries, files };
}
