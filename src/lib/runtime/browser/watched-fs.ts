/**
 * just-bash's filesystem, wrapped so that every change (by a command or by the runtime's own
 * fs) is reported. It implements IFileSystem by delegation: reads pass straight through,
 * mutations report what they created, changed or removed as absolute paths.
 *
 * Every call may also give the page its thread back first (`pause`, a few milliseconds of work
 * apart): just-bash awaits only promises that are already settled, so without these breaks a
 * command ran as one task however long it took (a grep over 2,000 files: 184 ms with the page
 * frozen). A command that does not touch files (a long awk loop) still runs in one piece.
 */
import type {
	CpOptions,
	FileContent,
	IFileSystem,
	MkdirOptions,
	RmOptions
} from 'just-bash/browser';
import type { FsEvent } from '../types';
import { timeSlices } from '../yield-to-page';
import { normalizeAbsolute, parentOf } from './project-paths';

type ReadOptions = Parameters<IFileSystem['readFile']>[1];
type WriteOptions = Parameters<IFileSystem['writeFile']>[2];
type ByteString = Awaited<ReturnType<NonNullable<IFileSystem['readFileBytes']>>>;
type DirentList = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>;

export type MutationReporter = (type: FsEvent['type'], absolutePath: string) => void;

export class WatchedFs implements IFileSystem {
	constructor(
		readonly inner: IFileSystem,
		private readonly report: MutationReporter,
		private readonly pause: () => Promise<void> = timeSlices()
	) {}

	// Reads: straight through.
	async readFile(path: string, options?: ReadOptions): Promise<string> {
		await this.pause();
		return this.inner.readFile(path, options);
	}
	async readFileBytes(path: string): Promise<ByteString> {
		await this.pause();
		if (this.inner.readFileBytes) return this.inner.readFileBytes(path);
		// The interface allows a backend without it; callers then fall back to readFileBuffer.
		let bytes = '';
		for (const byte of await this.inner.readFileBuffer(path)) bytes += String.fromCharCode(byte);
		return bytes as unknown as ByteString;
	}
	async readFileBuffer(path: string): Promise<Uint8Array> {
		await this.pause();
		return this.inner.readFileBuffer(path);
	}
	async exists(path: string): Promise<boolean> {
		await this.pause();
		return this.inner.exists(path);
	}
	async stat(path: string) {
		await this.pause();
		return this.inner.stat(path);
	}
	async lstat(path: string) {
		await this.pause();
		return this.inner.lstat(path);
	}
	async readdir(path: string): Promise<string[]> {
		await this.pause();
		return this.inner.readdir(path);
	}
	async readdirWithFileTypes(path: string): Promise<DirentList> {
		await this.pause();
		if (this.inner.readdirWithFileTypes) return this.inner.readdirWithFileTypes(path);
		const names = await this.inner.readdir(path);
		return Promise.all(
			names.map(async (name) => {
				const stat = await this.inner.lstat(`${path}/${name}`);
				return {
					name,
					isFile: stat.isFile,
					isDirectory: stat.isDirectory,
					isSymbolicLink: stat.isSymbolicLink
				};
			})
		);
	}
	resolvePath(base: string, path: string): string {
		return this.inner.resolvePath(base, path);
	}
	getAllPaths(): string[] {
		return this.inner.getAllPaths();
	}
	async readlink(path: string): Promise<string> {
		await this.pause();
		return this.inner.readlink(path);
	}
	async realpath(path: string): Promise<string> {
		await this.pause();
		return this.inner.realpath(path);
	}
	chmod(path: string, mode: number): Promise<void> {
		// Permissions are not part of what watchers track.
		return this.inner.chmod(path, mode);
	}

	// Mutations: do, then report.
	async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
		await this.pause();
		const created = await this.#missingParents(path);
		await this.inner.writeFile(path, content, options);
		this.#reportAll('mkdir', created);
		this.report('change', normalizeAbsolute(path));
	}
	async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
		await this.pause();
		const created = await this.#missingParents(path);
		await this.inner.appendFile(path, content, options);
		this.#reportAll('mkdir', created);
		this.report('change', normalizeAbsolute(path));
	}
	async mkdir(path: string, options?: MkdirOptions): Promise<void> {
		await this.pause();
		const target = normalizeAbsolute(path);
		// `mkdir -p a/b/c` is one call; watchers still need to hear of a and a/b.
		const created = options?.recursive
			? (await this.inner.exists(target))
				? []
				: [...(await this.#missingParents(target)), target]
			: [target];
		await this.inner.mkdir(path, options);
		this.#reportAll('mkdir', created);
	}
	async rm(path: string, options?: RmOptions): Promise<void> {
		await this.pause();
		const existed = await this.#existsNoFollow(path);
		await this.inner.rm(path, options);
		if (existed) this.report('remove', normalizeAbsolute(path));
	}
	async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
		await this.pause();
		const created = await this.#missingParents(dest);
		await this.inner.cp(src, dest, options);
		this.#reportAll('mkdir', created);
		await this.#reportTree(normalizeAbsolute(dest));
	}
	async mv(src: string, dest: string): Promise<void> {
		await this.pause();
		const created = await this.#missingParents(dest);
		await this.inner.mv(src, dest);
		this.report('remove', normalizeAbsolute(src));
		this.#reportAll('mkdir', created);
		await this.#reportTree(normalizeAbsolute(dest));
	}
	async symlink(target: string, linkPath: string): Promise<void> {
		await this.inner.symlink(target, linkPath);
		this.report('change', normalizeAbsolute(linkPath));
	}
	async link(existingPath: string, newPath: string): Promise<void> {
		await this.inner.link(existingPath, newPath);
		this.report('change', normalizeAbsolute(newPath));
	}
	async utimes(path: string, atime: Date, mtime: Date): Promise<void> {
		await this.inner.utimes(path, atime, mtime);
		// `touch` of an existing file: its mtime moved, which indexes keyed on mtime must see.
		const stat = await this.inner.lstat(path);
		this.report(stat.isDirectory ? 'mkdir' : 'change', normalizeAbsolute(path));
	}

	#reportAll(type: FsEvent['type'], paths: readonly string[]): void {
		for (const path of paths) this.report(type, path);
	}

	async #existsNoFollow(path: string): Promise<boolean> {
		try {
			await this.inner.lstat(path);
			return true;
		} catch {
			return false;
		}
	}

	/** Ancestors of `path` that do not exist yet, outermost first (writes create them). */
	async #missingParents(path: string): Promise<string[]> {
		const missing: string[] = [];
		let parent = parentOf(normalizeAbsolute(path));
		while (parent !== '/' && !(await this.inner.exists(parent))) {
			missing.unshift(parent);
			parent = parentOf(parent);
		}
		return missing;
	}

	/** Reports a copied or moved entry and everything under it as new. */
	async #reportTree(path: string): Promise<void> {
		let stat;
		try {
			stat = await this.inner.lstat(path);
		} catch {
			return;
		}
		if (!stat.isDirectory) {
			this.report('change', path);
			return;
		}
		this.report('mkdir', path);
		for (const name of await this.inner.readdir(path)) {
			await this.#reportTree(path === '/' ? `/${name}` : `${path}/${name}`);
		}
	}
}
