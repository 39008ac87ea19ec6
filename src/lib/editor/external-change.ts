import { Annotation } from '@codemirror/state';

/** Marks transactions that bring in a change made outside the editor (a process, the agent). */
export const externalChange = Annotation.define<boolean>();
