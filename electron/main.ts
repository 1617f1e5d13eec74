// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- puts the preload (no importer: it runs in the renderer) into the build
/// <reference path="./preload.cts" />
// The Electron main process, kept thin: one window, the app:// scheme serving the built renderer, and the
// IPC bridge to the same dispatcher the browser host uses. Every decision worth testing lives in plain
// modules (electron/shell/*); this file only wires them to Electron. The reference above makes tsc build
// the preload (CommonJS, preload.cts -> preload.cjs: a sandboxed preload cannot be an ES module).
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import { IPC_CALL, IPC_EVENT } from '../common/contract.js';
import { createDispatcher, createSession, type Session } from './api/dispatch.js';
import { startAppServices } from './api/appStart.js';
import { allHandlers } from './api/handlers/index.js';
import { topologyHub } from './topology/liveTopology.js';
import { protocolHub } from './topology/liveProtocol.js';
import { keepServingOnFaults } from './host/processGuards.js';
import { appProtocolResponse } from './shell/appProtocol.js';
import { allowPermission } from './shell/permissions.js';
import { isTrustedSender } from './shell/senderCheck.js';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, devToolsAllowed, mainWindowOptions } from './shell/windowOptions.js';
import { desktopMenuTemplate } from './packdev/desktopMenu.js';
import { openPackDev } from './packdev/packDev.js';
import { errorMessage } from './util/errors.js';

const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

const dispatcher = createDispatcher(allHandlers);
let mainWindow: BrowserWindow | undefined;
let apiSession: Session | undefined;

function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    frameUrl: frame?.url,
    isMainFrame: !!frame && frame === event.sender.mainFrame,
    webContentsId: event.sender.id,
    windowWebContentsId: mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : undefined,
  });
}

ipcMain.handle(IPC_CALL, async (event, method: unknown, input: unknown) => {
  if (!trusted(event) || !apiSession) throw new Error('Refused: this frame may not call the HA Lab API.');
  return dispatcher.dispatch(method, input, apiSession.ctx);
});

/** Every web contents, ours or not: no navigation away, no new windows, no <webview>. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (e) => {
    e.preventDefault();
  });
  contents.on('will-redirect', (e) => {
    e.preventDefault();
  });
  // Subframes too: the renderer has none, so any frame navigation is foreign.
  contents.on('will-frame-navigate', (e) => {
    e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => {
    e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
app.on('web-contents-created', (_event, contents) => {
  lockDown(contents);
});

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, { devTools: devToolsAllowed(app.isPackaged, process.env) }));
  lockDown(win.webContents);
  const s = createSession((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, { event, payload });
  });
  mainWindow = win;
  apiSession = s;
  win.once('ready-to-show', () => {
    win.show();
  });
  win.on('closed', () => {
    s.close();
    if (mainWindow === win) {
      mainWindow = undefined;
      apiSession = undefined;
    }
  });
  void win.loadURL(APP_ENTRY);
}

/** File > Open Pack Folder: the core of `halab pack dev`; the window then shows the pack's preview. */
async function openPackFolder(): Promise<void> {
  const win = mainWindow;
  if (!win) return;
  const picked = await dialog.showOpenDialog(win, { title: 'Open a lab pack folder', properties: ['openDirectory'] });
  const dir = picked.filePaths[0];
  if (picked.canceled || !dir) return;
  try {
    await openPackDev(dir, { log: (line) => void process.stderr.write(`${line}\n`) });
    await win.loadURL(`${APP_ENTRY}#/packdev`);
  } catch (err) {
    dialog.showErrorBox('Open a lab pack folder', errorMessage(err));
  }
}

void app.whenReady().then(() => {
  Menu.setApplicationMenu(Menu.buildFromTemplate(desktopMenuTemplate(() => void openPackFolder())));
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(allowPermission(permission, details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => allowPermission(permission, requestingOrigin));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  // A fault outside a handler's try (a stream's late error, a timer) is logged; the app keeps serving its windows.
  keepServingOnFaults(log);
  const services = startAppServices({ log });
  app.on('before-quit', () => {
    services.stop();
    void topologyHub.closeAll();
    protocolHub.closeAll();
  });
  createWindow();
  app.on('activate', () => {
    if (!mainWindow) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
