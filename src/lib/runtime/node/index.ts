/** Node-only: import from '$lib/runtime/node', never from code that runs in the browser. */
export { createNodeRuntime, type NodeRuntimeOptions } from './node-runtime';
export { nodeCapabilities } from './capabilities';
export { localProcessHost, type ProcessHost } from './process-host';
export { connectProcessHost, serveProcessHost } from './process-host-wire';
