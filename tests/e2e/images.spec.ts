import type { Page } from '@playwright/test';
import { configure, createProject, send } from './helpers';
import { requestImages } from '../../tooling/mock-model';
import { expect, test } from './model-server';

/** A real 4×3 red PNG. */
const RED_PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4oaEBRww4OQAHpg0hlLAT/AAAAABJRU5ErkJggg==';

/** Pastes a file into the message box the way a browser does (a ClipboardEvent with files). */
async function pasteFile(page: Page, base64: string, name: string, type: string) {
	const box = page.getByRole('region', { name: 'Chat' }).getByRole('textbox', { name: 'Message' });
	await box.evaluate(
		(element, file) => {
			const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
			const data = new DataTransfer();
			data.items.add(new File([bytes], file.name, { type: file.type }));
			const event = new ClipboardEvent('paste', {
				clipboardData: data,
				bubbles: true,
				cancelable: true
			});
			element.dispatchEvent(event);
		},
		{ base64, name, type }
	);
}

test('a pasted image reaches the model as an image block and survives a reload', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'A red box.' }, { text: 'Still a red box.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url, { images: 'Yes' });
	const chat = page.getByRole('region', { name: 'Chat' });

	// Something that is not an image is refused, in words.
	await pasteFile(page, btoa('just text'), 'notes.txt', 'text/plain');
	await expect(chat.getByRole('alert')).toContainText('notes.txt is not an image Kiln can send');

	await pasteFile(page, RED_PNG, 'red.png', 'image/png');
	await expect(chat.getByRole('img', { name: 'Image 1 to send, 4×3' })).toBeVisible();
	await expect(chat.getByRole('alert')).toBeHidden();
	await send(page, 'What is this?');
	await expect(chat.getByText('A red box.')).toBeVisible();
	await expect(chat.getByRole('img', { name: 'Image 1 to send, 4×3' })).toBeHidden();

	const [first] = modelServer.requests().filter((request) => request.format !== null);
	expect(requestImages(first!.body)).toEqual([RED_PNG]);
	const attached = chat.getByRole('img', { name: 'Attached image, 4×3 PNG' });
	await expect(attached).toBeVisible();

	await page.reload();
	await expect(chat.getByText('A red box.')).toBeVisible();
	await expect(attached).toBeVisible();
	await expect(attached).toHaveAttribute('src', `data:image/png;base64,${RED_PNG}`);

	await send(page, 'And now?');
	await expect(chat.getByText('Still a red box.')).toBeVisible();
	const requests = modelServer.requests().filter((request) => request.format !== null);
	expect(requests).toHaveLength(2);
	expect(requestImages(requests[1]!.body)).toEqual([RED_PNG]);
});

test('a large pasted image is scaled to 1568 px on its long side before it is stored and sent', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({ turns: [{ text: 'A wide picture.' }] });
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url, { images: 'Yes' });
	const chat = page.getByRole('region', { name: 'Chat' });
	// A 2400×1200 PNG drawn in the page, pasted like a screenshot from the clipboard.
	await chat.getByRole('textbox', { name: 'Message' }).evaluate(async (element) => {
		const canvas = new OffscreenCanvas(2400, 1200);
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#2a6';
		context.fillRect(0, 0, 2400, 1200);
		const blob = await canvas.convertToBlob({ type: 'image/png' });
		const data = new DataTransfer();
		data.items.add(new File([blob], 'wide.png', { type: 'image/png' }));
		element.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	});
	await expect(chat.getByRole('img', { name: 'Image 1 to send, 1568×784' })).toBeVisible();
	await send(page, 'What is this?');
	await expect(chat.getByText('A wide picture.')).toBeVisible();
	const [request] = modelServer.requests().filter((recorded) => recorded.format !== null);
	const [sent] = requestImages(request!.body);
	// The PNG's own header says what the model receives: IHDR width and height.
	const png = Buffer.from(sent!, 'base64');
	expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1568, 784]);
});
