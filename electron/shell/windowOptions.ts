// The main window's options, in plain Node so a test can assert them: the renderer gets no Node, runs in
// Chromium's sandbox, is isolated from the preload's world, and loads only from our app:// scheme.
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Privileges of the app:// scheme: a standard, secure origin ('self' in the CSP means it), with fetch. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** The environment variable that opens DevTools in an unpackaged app (`HALAB_DEVTOOLS=1 npm start`). */
export const DEVTOOLS_ENV = 'HALAB_DEVTOOLS';

/**
 * DevTools run any script pasted into their console with the page's full API (window.halab: root shells in
 * every node, file writes), so they are an explicit opt-in while developing, and never in a packaged app:
 * its fuses already refuse NODE_OPTIONS and --inspect, and an environment variable must not undo that.
 */
export function devToolsAllowed(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !isPackaged && env[DEVTOOLS_ENV] === '1';
}

/** devTools: off unless devToolsAllowed() said yes (a learner's window has no use for them). */
export function mainWindowOptions(preload: string, opts: { devTools: boolean } = { devTools: false }) {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'HA Lab',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.devTools,
    },
  } as const;
}
