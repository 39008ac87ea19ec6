/** Node-only: import from '$lib/runtime/node', never from code that runs in the browser. */
export { createNodeRuntime, type NodeRuntimeOptions } from './node-runtime';
export { nodeCapabilities } from './capabilities';
