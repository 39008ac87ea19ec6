import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProjectSession, type ProjectSessionOptions } from '../../../src/lib/state';
import { createProject, loadProjectSnapshot } from '../../../src/lib/storage';
import { bootingInto, FakeWebContainer, neverSettlingBoot } from '../../fakes/webcontainer';

/** A page where WebContainer could run: Chromium, cross-origin isolated, online. */
function isolatedChromium() {
	return {
		crossOriginIsolated: true,
		SharedArrayBuffer,
		navigator: {
			userAgent:
				'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
			onLine: true,
			maxTouchPoints: 0
		}
	};
}

const reachable = async () => ({ reachable: true as const });

describe('ProjectSession', () => {
	let projectId: string;
	let sessions: ProjectSession[] = [];
	let fakes: FakeWebContainer[] = [];

	beforeEach(async () => {
		const project = await createProject({
			name: 'Session test',
			template: 'blank',
			files: { 'a.txt': 'alpha\n', 'src/b.ts': 'export const b = 1;\n' },
			dirs: ['empty']
		});
		projectId = project.id;
	});

	afterEach(async () => {
		for (const session of sessions) await session.dispose();
		for (const fake of fakes) await fake.destroy();
		sessions = [];
		fakes = [];
	});

	function open(options: Omit<ProjectSessionOptions, 'projectId'>) {
		const session = new ProjectSession({ projectId, ...options });
		sessions.push(session);
		return session;
	}

	it('starts on the offline runtime at once, with the stored files', async () => {
		const session = open({ request: 'browser' });
		await session.open();
		expect(session.runtime?.capabilities.kind).toBe('browser');
		expect(session.status).toMatchObject({ label: 'Offline runtime', phase: 'settled' });
		expect(session.status.detail).toMatch(/chosen/);
		expect(session.workspace?.isDirectory('empty')).toBe(true);
		const result = await session.runtime!.exec('cat a.txt src/b.ts');
		expect(result.output).toBe('alpha\nexport const b = 1;\n');
	});

	it('moves the project to WebContainer once it boots, and commands run there', async () => {
		const fake = await FakeWebContainer.create();
		fakes.push(fake);
		const session = open({
			request: 'auto',
			webContainer: { env: isolatedChromium(), boot: bootingInto(fake), probe: reachable }
		});
		await session.open();
		await expect.poll(() => session.status.kind).toBe('webcontainer');
		expect(session.status).toMatchObject({ label: 'WebContainer', phase: 'settled' });
		expect(session.runtime?.capabilities.kind).toBe('webcontainer');
		// Dev-server pages get the preview bridge (the one the preview origin serves) first.
		expect(fake.previewScripts).toHaveLength(1);
		expect(fake.previewScripts[0]!.scriptSrc).toContain('kiln:preview-log');
		expect(fake.previewScripts[0]!.scriptSrc).toMatch(/sourceURL=kiln-preview-bridge\.js\n$/);
		expect(fake.previewScripts[0]!.options).toEqual({ defer: false, async: false });

		// The workspace's files were handed over, and the new runtime runs the commands.
		expect(await readFile(join(fake.workdir, 'src/b.ts'), 'utf8')).toBe('export const b = 1;\n');
		const result = await session.runtime!.exec('cat a.txt');
		expect(result.output).toContain('alpha');

		// Writes now go to WebContainer and are still saved in the browser.
		await session.workspace!.writeFile('c.txt', 'gamma');
		await session.workspace!.flush();
		expect(await readFile(join(fake.workdir, 'c.txt'), 'utf8')).toBe('gamma');
		expect((await loadProjectSnapshot(projectId)).files['c.txt']).toBe('gamma');
	});

	it("clears what an earlier project left in the page's one WebContainer", async () => {
		const fake = await FakeWebContainer.create();
		fakes.push(fake);
		await mkdir(join(fake.workdir, 'old/src'), { recursive: true });
		await writeFile(join(fake.workdir, 'old/src/x.ts'), 'stale');
		await writeFile(join(fake.workdir, 'a.txt'), 'stale');
		const session = open({
			request: 'auto',
			webContainer: { env: isolatedChromium(), boot: bootingInto(fake), probe: reachable }
		});
		await session.open();
		await expect.poll(() => session.status.kind).toBe('webcontainer');
		await expect(access(join(fake.workdir, 'old'))).rejects.toThrow();
		expect(await readFile(join(fake.workdir, 'a.txt'), 'utf8')).toBe('alpha\n');
		expect((await session.runtime!.exec('ls')).output).not.toContain('old');
	});

	it('stays offline and says why when the network is down', async () => {
		const boot = neverSettlingBoot();
		const session = open({
			request: 'auto',
			webContainer: {
				env: isolatedChromium(),
				boot,
				probe: async () => ({
					reachable: false,
					message: 'no network: stackblitz.com cannot be reached'
				})
			}
		});
		await session.open();
		await expect.poll(() => session.status.phase).toBe('settled');
		expect(session.status).toMatchObject({ kind: 'browser', label: 'Offline runtime' });
		expect(session.status.detail).toMatch(/no network/);
		expect(boot.calls).toHaveLength(0);
	});

	it('stays offline when the boot never settles, once the timeout passes', async () => {
		const session = open({
			request: 'auto',
			bootTimeoutMs: 50,
			webContainer: { env: isolatedChromium(), boot: neverSettlingBoot(), probe: reachable }
		});
		await session.open();
		await expect.poll(() => session.status.phase).toBe('settled');
		expect(session.status.kind).toBe('browser');
		expect(session.status.detail).toMatch(/did not start/i);
		expect(session.runtime?.capabilities.kind).toBe('browser');
	});

	it('says so when the page is not cross-origin isolated', async () => {
		const session = open({
			request: 'auto',
			webContainer: {
				env: { ...isolatedChromium(), crossOriginIsolated: false },
				boot: neverSettlingBoot(),
				probe: reachable
			}
		});
		await session.open();
		await expect.poll(() => session.status.phase).toBe('settled');
		expect(session.status.detail).toMatch(/not cross-origin isolated/);
	});

	it('reports a project that does not exist', async () => {
		const session = new ProjectSession({ projectId: 'no-such-project', request: 'browser' });
		sessions.push(session);
		await session.open();
		expect(session.error).toMatch(/does not exist/);
		expect(session.workspace).toBeNull();
	});
});
