import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const APP = Array.from({ length: 14 }, (_, index) => `const line${index + 1} = ${index + 1};`)
	.join('\n')
	.replace('const line12 = 12;', 'const needle = 12;');

test('code blocks have a Copy button and project paths in cards and answers open the file', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'src/app.ts', content: APP + '\n' } }] },
			{
				toolCalls: [{ name: 'grep', input: { pattern: 'needle', output_mode: 'content' } }]
			},
			{
				text: [
					'The constant is at `src/app.ts:12`; plain src/app.ts#L3 works too.',
					'`src/missing.ts` is only an idea.',
					'',
					'```sh',
					'npm run build',
					'```'
				].join('\n')
			}
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Find the needle');

	const chat = page.getByRole('region', { name: 'Chat' });
	const editor = page.getByRole('region', { name: 'Editor' });
	await expect(chat.getByText('is only an idea')).toBeVisible();

	// Copy: the block's text reaches the clipboard, and the button says so.
	const copy = chat.getByRole('button', { name: 'Copy code' });
	await copy.click();
	await expect(chat.getByRole('button', { name: 'Copied' })).toHaveText('Copied');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('npm run build\n');
	await expect(chat.getByRole('button', { name: 'Copy code' })).toHaveText('Copy');

	// Invented paths stay text; model text never becomes markup of its own.
	await expect(chat.getByRole('button', { name: /src\/missing\.ts/ })).toHaveCount(0);

	// The grep card's result line opens the file at its line.
	const grep = chat.getByRole('group', { name: 'grep' });
	await grep.getByText('Output').click();
	await grep.getByRole('button', { name: 'Open src/app.ts at line 12' }).click();
	await expect(editor.getByRole('tab', { name: 'src/app.ts' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await expect(editor.locator('.cm-activeLine')).toHaveText('const needle = 12;');

	// Inline code and plain text in the answer open it too, at their lines.
	await chat.getByRole('button', { name: 'Open src/app.ts at line 3' }).click();
	await expect(editor.locator('.cm-activeLine')).toHaveText('const line3 = 3;');
	await chat
		.getByRole('paragraph')
		.getByRole('button', { name: 'Open src/app.ts at line 12' })
		.click();
	await expect(editor.locator('.cm-activeLine')).toHaveText('const needle = 12;');

	// The write card's path opens the file.
	await editor.getByTitle('Close src/app.ts').click();
	await expect(editor.getByRole('tab')).toHaveCount(0);
	await chat
		.getByRole('group', { name: 'write' })
		.getByRole('button', { name: 'Open src/app.ts', exact: true })
		.first()
		.click();
	await expect(editor.getByRole('tab', { name: 'src/app.ts' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
});
