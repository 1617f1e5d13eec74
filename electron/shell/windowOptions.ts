// The main window's options, in plain Node so a test can assert them: the renderer gets no Node, runs in
// Chromium's sandbox, is isolated from the preload's world, and loads only from our app:// scheme.
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Privileges of the app:// scheme: a standard, secure origin ('self' in the CSP means it), with fetch. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** devTools: on while developing, off in packaged builds (a learner's window has no use for them). */
export function mainWindowOptions(preload: string, opts: { devTools: boolean } = { devTools: true }) {
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
