import type { WebContainer } from '@webcontainer/api';

/**
 * The part of a booted WebContainer that the adapter uses. A real `WebContainer` is assignable
 * to it; the test double in tests/fakes implements it against the real types, so a change in
 * @webcontainer/api breaks the build rather than the app. (WebContainer has private members,
 * which makes the class itself nominal: no double could ever be a `WebContainer`.)
 */
export type WebContainerLike = Pick<WebContainer, 'fs' | 'spawn' | 'on' | 'workdir'>;

/** What mountFiles needs. */
export type MountableContainer = Pick<WebContainer, 'mount'>;
