import { describe, expect, it, vi } from 'vitest';
import { startHostRelay, type HostWindow } from '../../../src/lib/preview/host-relay';
import {
	HOST_CONNECT_TYPE,
	HOST_FAILED_TYPE,
	HOST_READY_TYPE
} from '../../../src/lib/preview/host-protocol';
import { PREVIEW_REQUEST_TYPE } from '../../../src/lib/preview/protocol';

const ide = 'http://localhost:4173';
const self = 'http://localhost:4174';

type Listener = (event: MessageEvent) => void;

function event(data: unknown, init: { origin?: string; source?: unknown; ports?: MessagePort[] }) {
	return { data, origin: init.origin ?? '', source: init.source ?? null, ports: init.ports ?? [] };
}

function fakeHost(options: { ideOrigins?: unknown; register?: () => Promise<unknown> } = {}) {
	const parent = { postMessage: vi.fn() };
	let windowListener: Listener = () => {};
	let workerListener: Listener = () => {};
	const win: HostWindow = {
		parent,
		location: { origin: self, ancestorOrigins: [ide] },
		addEventListener: (_type, listener) => (windowListener = listener),
		fetch: async () => Response.json({ ideOrigins: options.ideOrigins ?? [ide] }),
		serviceWorker: {
			register: options.register ?? (async () => ({})),
			ready: Promise.resolve({}),
			addEventListener: (_type, listener) => (workerListener = listener),
			startMessages: vi.fn()
		}
	};
	return {
		win,
		parent,
		fromWindow: (data: unknown, init: Parameters<typeof event>[1]) =>
			windowListener(event(data, init) as unknown as MessageEvent),
		fromWorker: (data: unknown, ports: MessagePort[]) =>
			workerListener(event(data, { origin: self, ports }) as unknown as MessageEvent)
	};
}

const request = { type: PREVIEW_REQUEST_TYPE, id: 'r1', projectId: 'p1', path: 'index.html' };

function nextMessage(port: MessagePort): Promise<MessageEvent> {
	return new Promise((resolve) => {
		port.onmessage = (message) => {
			port.close();
			resolve(message);
		};
	});
}

describe('the preview origin host page', () => {
	it('tells only the listed IDE origin that it is ready', async () => {
		const host = fakeHost();
		await startHostRelay(host.win);
		expect(host.parent.postMessage).toHaveBeenCalledExactlyOnceWith({ type: HOST_READY_TYPE }, ide);
	});

	it('tells nobody when its config names no IDE, or another one than its embedder', async () => {
		for (const ideOrigins of [[], ['https://evil.example'], 'not a list']) {
			const host = fakeHost({ ideOrigins });
			await startHostRelay(host.win);
			expect(host.parent.postMessage).not.toHaveBeenCalled();
		}
	});

	it('says why when its worker cannot be registered', async () => {
		const host = fakeHost({ register: async () => Promise.reject(new Error('denied')) });
		await startHostRelay(host.win);
		const [message, origin] = host.parent.postMessage.mock.calls[0]!;
		expect(origin).toBe(ide);
		expect(message).toMatchObject({ type: HOST_FAILED_TYPE });
		expect(message.message).toContain('denied');
	});

	it('answers "not here" until the IDE connects, then relays only file requests', async () => {
		const host = fakeHost();
		await startHostRelay(host.win);

		const early = new MessageChannel();
		host.fromWorker(request, [early.port2]);
		expect((await nextMessage(early.port1)).data).toMatchObject({ id: 'r1', status: 421 });

		// A connect from another origin, or from a frame that is not its parent, is ignored.
		const ideChannel = new MessageChannel();
		host.fromWindow(
			{ type: HOST_CONNECT_TYPE },
			{ origin: 'https://evil.example', source: host.parent, ports: [ideChannel.port2] }
		);
		host.fromWindow(
			{ type: HOST_CONNECT_TYPE },
			{ origin: ide, source: {}, ports: [ideChannel.port2] }
		);
		const ignored = new MessageChannel();
		host.fromWorker(request, [ignored.port2]);
		expect((await nextMessage(ignored.port1)).data).toMatchObject({ status: 421 });

		host.fromWindow(
			{ type: HOST_CONNECT_TYPE },
			{ origin: ide, source: host.parent, ports: [ideChannel.port2] }
		);
		const reply = new MessageChannel();
		const atIde = nextMessage(ideChannel.port1);
		host.fromWorker({ type: 'something else' }, [new MessageChannel().port2]);
		host.fromWorker(request, [reply.port2]);
		const forwarded = await atIde;
		expect(forwarded.data).toEqual(request);
		// The IDE answers on the worker's own port, which the host passed on untouched.
		const answered = nextMessage(reply.port1);
		forwarded.ports[0]!.postMessage({ id: 'r1', status: 404 });
		expect((await answered).data).toEqual({ id: 'r1', status: 404 });
	});
});
