// Which host runs the UI: the desktop app's preload exposes `window.halab` (see getApi.ts); the browser
// host serves the same page without it.
export type UiHost = 'desktop' | 'browser';

export function uiHost(): UiHost {
  return typeof window !== 'undefined' && window.halab !== undefined ? 'desktop' : 'browser';
}
