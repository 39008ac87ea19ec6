/**
 * What the IDE's Preview shows: a dev server's page when one runs, else the project's
 * index.html served offline (from the preview origin, or in an opaque-origin sandbox when none
 * is configured), else a message saying what to do. Reloads after files change.
 */
import {
	SANDBOX_NOTICE,
	scriptNeedingBuild,
	startStaticPreview,
	type StaticPreview
} from '$lib/preview';
import { describeProcessStatus } from '$lib/runtime';
import {
	PreviewChannel,
	PreviewConsole,
	ProcessesView,
	type OpenServer,
	type ProjectSession
} from '$lib/state';
import { PreviewSettings } from '$lib/state/settings';
import type { Workspace } from '$lib/workspace';
import { messageOf } from '$lib/errors';

type PreviewFiles = Pick<
	Workspace,
	'exists' | 'isDirectory' | 'peekText' | 'readBytes' | 'subscribe'
>;

export class IdePreview {
	staticPreview = $state.raw<StaticPreview | null>(null);
	error = $state<string | null>(null);
	hasIndexHtml = $state(false);
	/** The script in index.html that only a bundler can serve (offline previews cannot). */
	unbuildableScript = $state<string | null>(null);
	sandboxHtml = $state<string | null>(null);
	reloadToken = $state(0);
	/** What the page in the preview reported (its bridge), for the Console panel and the agent. */
	readonly console = new PreviewConsole();
	/** The bridge's IDE end: fills `console`, and is the agent's preview tool's PreviewPort. */
	readonly channel = new PreviewChannel(this.console);
	/** The screenshot budget the preview tool keeps to (Settings). */
	readonly settings = new PreviewSettings();
	/** The runtime's processes (the Processes panel): which server the preview shows, or that it stopped. */
	readonly processes = new ProcessesView();

	readonly #session: ProjectSession;
	#liveReloadTimer: ReturnType<typeof setTimeout> | undefined;

	// Getters rather than $derived fields: they read the session, which the constructor sets
	// after field initialisers run. Each is cheap, and reactive through what it reads.
	get #staticShown(): boolean {
		return this.staticPreview !== null && this.hasIndexHtml && !this.unbuildableScript;
	}

	/**
	 * The newest dev server still serving. A process the Processes panel knows may have stopped
	 * before the runtime's port-close event arrives, so its end counts too.
	 */
	get #server(): OpenServer | null {
		for (const server of [...this.#session.openServers].reverse()) {
			const owner = this.processes.items.filter((item) => item.url === server.url).at(-1);
			if (!owner || owner.status === 'running') return server;
		}
		return null;
	}

	get #serverUrl(): string | null {
		return this.#server?.url ?? null;
	}

	/**
	 * While a dev server is shown, the address bar starts with where it listens, as the server
	 * announced it (`localhost:5173`); its real URL (WebContainer's own host) is its title.
	 */
	get server(): { label: string; url: string } | null {
		const server = this.#server;
		return server ? { label: `localhost:${server.port}`, url: server.url } : null;
	}

	get url(): string | null {
		const staticUrl =
			this.#staticShown && this.staticPreview?.kind === 'origin' ? this.staticPreview.url : null;
		return this.#serverUrl ?? staticUrl;
	}

	/** No preview origin configured: index.html's text, shown in an opaque-origin sandbox. */
	get sandboxed(): boolean {
		return !this.#serverUrl && this.#staticShown && this.staticPreview?.kind === 'sandbox';
	}

	get srcdoc(): string | null {
		return this.sandboxed ? this.sandboxHtml : null;
	}

	get notice(): string | null {
		if (this.sandboxed) return SANDBOX_NOTICE;
		const shown = this.#server;
		if (shown) {
			const process = this.processes.serverAt(shown.url);
			return process
				? `Dev server ${process.id} (${process.command}) on port ${shown.port}`
				: `Dev server on port ${shown.port}`;
		}
		const stopped = this.#stoppedServerText();
		return stopped && this.url ? `${stopped} Showing the project's files as they are.` : null;
	}

	/** Says that the dev server the preview showed has stopped, and how to bring it back. */
	#stoppedServerText(): string | null {
		const stopped = this.processes.stoppedServer;
		if (!stopped) return null;
		return `The dev server ${stopped.id} (${stopped.command}) ${describeProcessStatus(stopped)}, so its page is gone. Start it again (ask the agent, or use Processes) to see it.`;
	}

	get emptyMessage(): string {
		const runtime = this.#session.runtime;
		return (
			this.error ??
			this.#stoppedServerText() ??
			(this.unbuildableScript && this.hasIndexHtml
				? runtime?.capabilities.node
					? `index.html loads ${this.unbuildableScript}, which needs its dev server: run npm install && npm run dev in the terminal.`
					: `index.html loads ${this.unbuildableScript}, which needs a build step (a dev server such as Vite), and the offline runtime has no Node.js. Open Kiln where WebContainer can run, or use plain .js files for an offline preview.`
				: null) ??
			// The preview origin's worker is still being reached: index.html is there, just not yet served.
			(this.hasIndexHtml && this.staticPreview === null ? 'Starting the preview…' : null) ??
			(runtime?.capabilities.preview === 'server'
				? 'No preview yet — start a dev server (npm run dev), or add an index.html.'
				: 'No preview yet — add an index.html to preview a static site.')
		);
	}

	constructor(session: ProjectSession) {
		this.#session = session;
	}

	/** Looks at index.html now and after every change; returns the unsubscribe. */
	follow(ws: PreviewFiles): () => void {
		const inspectIndexHtml = () => {
			this.hasIndexHtml = ws.exists('index.html');
			this.unbuildableScript = scriptNeedingBuild(ws.peekText('index.html') ?? '');
			this.sandboxHtml = ws.peekText('index.html') ?? null;
		};
		inspectIndexHtml();
		const stopFiles = ws.subscribe(() => {
			inspectIndexHtml();
			this.#scheduleLiveReload();
		});
		// The Processes panel and the preview follow whichever runtime is current.
		const stopProcesses = $effect.root(() => {
			$effect(() => this.processes.attach(this.#session.runtime));
			$effect(() => {
				this.processes.servers = this.#session.openServers;
			});
		});
		return () => {
			stopFiles();
			stopProcesses();
		};
	}

	/** Starts serving the project's files offline; `destroyed` says the IDE went meanwhile. */
	async start(projectId: string, ws: PreviewFiles, destroyed: () => boolean) {
		void this.settings.load();
		try {
			const started = await startStaticPreview({
				projectId,
				readFile: async (path) =>
					ws.exists(path) && !ws.isDirectory(path) ? ws.readBytes(path) : null
			});
			if (destroyed()) started.stop();
			else this.staticPreview = started;
		} catch (error) {
			this.error = messageOf(error);
		}
	}

	/**
	 * A static preview reloads itself shortly after files change (a save, a command, later the
	 * agent), batching bursts into one reload. Dev servers in WebContainer have their own HMR.
	 */
	#scheduleLiveReload() {
		if (this.#serverUrl) return;
		clearTimeout(this.#liveReloadTimer);
		this.#liveReloadTimer = setTimeout(() => (this.reloadToken += 1), 250);
	}

	stopLiveReload() {
		clearTimeout(this.#liveReloadTimer);
	}

	stop() {
		this.staticPreview?.stop();
	}
}
