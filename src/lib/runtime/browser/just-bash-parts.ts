/**
 * What the runtime uses of just-bash, imported by name: the build keeps only the code these
 * need (a namespace import kept every export, the Node-only filesystems among them).
 */
export { Bash, InMemoryFs } from 'just-bash/browser';
