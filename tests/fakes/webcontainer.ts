/**
 * A faithful test double of @webcontainer/api's WebContainer, typed against the real API (a
 * change there breaks the build here): its filesystem is a real temporary directory with
 * WebContainer's semantics and error shapes (webcontainer-fs.ts), its processes are real child
 * processes (webcontainer-process.ts), and its events are raised by tests through `emit`.
 *
 * Its workdir is the real temporary directory (WebContainer's would be `/home/project`), so
 * absolute spawn cwds work as they would there.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type {
	BootOptions,
	CodeListener,
	ErrorListener,
	FileSystemTree,
	LoadFilesOptions,
	OpenListener,
	PortListener,
	PreviewMessageListener,
	PreviewScriptOptions,
	ServerReadyListener,
	SpawnOptions,
	Unsubscribe,
	WebContainer,
	WebContainerProcess
} from '@webcontainer/api';
import { FakeFileSystem } from './webcontainer-fs';
import { spawnFakeProcess, type FakeProcess, type SpawnRecord } from './webcontainer-process';

export type { SpawnRecord } from './webcontainer-process';

/** The part of WebContainer the double implements. */
export type FakedWebContainerApi = Pick<
	WebContainer,
	'fs' | 'spawn' | 'on' | 'mount' | 'workdir' | 'path' | 'teardown' | 'setPreviewScript'
>;

interface EventArgs {
	port: Parameters<PortListener>;
	'server-ready': Parameters<ServerReadyListener>;
	'preview-message': Parameters<PreviewMessageListener>;
	error: Parameters<ErrorListener>;
	'xdg-open': Parameters<OpenListener>;
	code: Parameters<CodeListener>;
}
type EventName = keyof EventArgs;
type AnyListener = (...args: never[]) => void;

export class FakeWebContainer implements FakedWebContainerApi {
	readonly fs: FakeFileSystem;
	/** Every spawn, in order, for tests that check what the adapter asked for. */
	readonly spawns: SpawnRecord[] = [];
	readonly processes: FakeProcess[] = [];
	private readonly listeners = new Map<EventName, Set<AnyListener>>();
	private tornDown = false;

	private constructor(
		private readonly root: string,
		private readonly dir: string
	) {
		this.fs = new FakeFileSystem(dir);
	}

	/** A fresh double over a new temporary directory; `destroy()` removes it. */
	static async create(options: { workdirName?: string } = {}): Promise<FakeWebContainer> {
		const root = await mkdtemp(join(tmpdir(), 'kiln-webcontainer-'));
		const dir = join(root, options.workdirName ?? 'project');
		await mkdir(dir);
		return new FakeWebContainer(root, dir);
	}

	get workdir(): string {
		return this.dir;
	}

	get path(): string {
		return process.env.PATH ?? '';
	}

	spawn(command: string, args: string[], options?: SpawnOptions): Promise<WebContainerProcess>;
	spawn(command: string, options?: SpawnOptions): Promise<WebContainerProcess>;
	async spawn(
		command: string,
		argsOrOptions?: string[] | SpawnOptions,
		maybeOptions?: SpawnOptions
	): Promise<WebContainerProcess> {
		this.assertAlive();
		const args = Array.isArray(argsOrOptions) ? argsOrOptions : [];
		const options = Array.isArray(argsOrOptions) ? maybeOptions : argsOrOptions;
		this.spawns.push({ command, args, options });
		// cwd is relative to the workdir, or absolute; either way it must stay inside it.
		const cwd = this.fs.resolve(options?.cwd ?? '.');
		const child = spawnFakeProcess(command, args, options, cwd);
		this.processes.push(child);
		return child;
	}

	on(event: 'port', listener: PortListener): Unsubscribe;
	on(event: 'server-ready', listener: ServerReadyListener): Unsubscribe;
	on(event: 'preview-message', listener: PreviewMessageListener): Unsubscribe;
	on(event: 'error', listener: ErrorListener): Unsubscribe;
	on(event: 'xdg-open', listener: OpenListener): Unsubscribe;
	on(event: 'code', listener: CodeListener): Unsubscribe;
	on(event: EventName, listener: AnyListener): Unsubscribe {
		let set = this.listeners.get(event);
		if (!set) this.listeners.set(event, (set = new Set()));
		set.add(listener);
		return () => set.delete(listener);
	}

	/**
	 * Test hook: raises an event as WebContainer would. Delivery is asynchronous, as it crosses
	 * a message port there; await the result to know it was delivered.
	 */
	async emit<E extends EventName>(event: E, ...args: EventArgs[E]): Promise<void> {
		await Promise.resolve();
		for (const listener of [...(this.listeners.get(event) ?? [])]) {
			if (this.listeners.get(event)?.has(listener)) {
				(listener as unknown as (...values: EventArgs[E]) => void)(...args);
			}
		}
	}

	/** Every setPreviewScript call, in order, exactly as made (the last one is in force). */
	readonly previewScripts: { scriptSrc: string; options: PreviewScriptOptions | undefined }[] = [];

	async setPreviewScript(scriptSrc: string, options?: PreviewScriptOptions): Promise<void> {
		this.assertAlive();
		this.previewScripts.push({ scriptSrc, options });
	}

	/** How many listeners an event has, for tests that check unsubscription. */
	listenerCount(event: EventName): number {
		return this.listeners.get(event)?.size ?? 0;
	}

	async mount(
		snapshotOrTree: FileSystemTree | Uint8Array | ArrayBuffer,
		options?: LoadFilesOptions
	): Promise<void> {
		this.assertAlive();
		if (snapshotOrTree instanceof Uint8Array || snapshotOrTree instanceof ArrayBuffer) {
			throw new Error('FakeWebContainer does not read binary snapshots; mount a FileSystemTree.');
		}
		const target = this.fs.resolve(options?.mountPoint ?? '.');
		await mkdir(target, { recursive: true });
		await writeTree(target, snapshotOrTree);
	}

	teardown(): void {
		if (this.tornDown) throw new Error('WebContainer already torn down');
		this.tornDown = true;
		this.fs.close();
		for (const child of this.processes) child.kill();
		this.listeners.clear();
	}

	/** Tears down (if needed) and deletes the temporary directory. */
	async destroy(): Promise<void> {
		if (!this.tornDown) this.teardown();
		await Promise.all(this.processes.map((child) => child.exit));
		await rm(this.root, { recursive: true, force: true });
	}

	/** The path of a project file on the host, for assertions that bypass the double. */
	hostPath(path: string): string {
		const full = join(this.dir, path);
		if (relative(this.dir, full).startsWith('..' + sep)) throw new Error(`outside: ${path}`);
		return full;
	}

	private assertAlive() {
		if (this.tornDown) throw new Error('WebContainer already torn down');
	}
}

async function writeTree(folder: string, tree: FileSystemTree): Promise<void> {
	for (const [name, node] of Object.entries(tree)) {
		const path = join(folder, name);
		if ('directory' in node) {
			await mkdir(path, { recursive: true });
			await writeTree(path, node.directory);
		} else if ('symlink' in node.file) {
			await symlink(node.file.symlink, path);
		} else {
			await writeFile(path, node.file.contents);
		}
	}
}

export type FakeBoot = ((options: BootOptions) => Promise<WebContainer>) & {
	/** The options of every call, in order. */
	readonly calls: BootOptions[];
};

/**
 * WebContainer.boot as it behaves offline: it neither resolves nor rejects, ever (its iframe
 * never reaches StackBlitz), and a second call waits on the first one's lock just as forever.
 */
export function neverSettlingBoot(): FakeBoot {
	const calls: BootOptions[] = [];
	return Object.assign(
		(options: BootOptions) => {
			calls.push(options);
			return new Promise<WebContainer>(() => undefined);
		},
		{ calls }
	);
}

/** WebContainer.boot as it behaves online: resolves to the double; a second boot is refused. */
export function bootingInto(fake: FakeWebContainer): FakeBoot {
	const calls: BootOptions[] = [];
	return Object.assign(
		async (options: BootOptions) => {
			calls.push(options);
			if (calls.length > 1) throw new Error('Only a single WebContainer instance can be booted');
			// The double implements the part of WebContainer Kiln uses (FakedWebContainerApi), but
			// the real class has private members, so no double can be one: this cast is the seam.
			return fake as unknown as WebContainer;
		},
		{ calls }
	);
}
