/// <reference lib="webworker" />
/**
 * The grep worker: searches big projects off the page's main thread (see grep-worker-client.ts).
 */
import { handleGrepRequest, type GrepWorkerRequest } from './grep-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<GrepWorkerRequest>) => {
	scope.postMessage(handleGrepRequest(event.data));
});
