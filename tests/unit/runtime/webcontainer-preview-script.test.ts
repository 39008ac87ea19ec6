import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setContainerPreviewScript } from '../../../src/lib/runtime/webcontainer';
import { installServerBridge } from '../../../src/lib/state/preview-console';
import { FakeWebContainer } from '../../fakes/webcontainer';

describe('the preview bridge in WebContainer previews', () => {
	let fake: FakeWebContainer;
	beforeEach(async () => {
		fake = await FakeWebContainer.create();
	});
	afterEach(() => fake.destroy());

	it('is set as a classic, blocking preview script', async () => {
		await setContainerPreviewScript(fake, 'console.log(1)');
		expect(fake.previewScripts).toEqual([
			{ scriptSrc: 'console.log(1)', options: { defer: false, async: false } }
		]);
	});

	it('is installed from its loader, and a failure only costs the console', async () => {
		expect(await installServerBridge(fake, async () => 'BRIDGE')).toBeNull();
		expect(fake.previewScripts.map((call) => call.scriptSrc)).toEqual(['BRIDGE']);
		const problem = await installServerBridge(fake, async () => {
			throw new Error('chunk failed to load');
		});
		expect(problem).toMatch(/Dev-server previews will not report their console: chunk failed/);
		expect(fake.previewScripts).toHaveLength(1);
	});
});
