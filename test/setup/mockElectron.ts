// Set-up of every test file. Electron's binary is not downloaded in tests: anything that imports 'electron'
// gets this stand-in.
// It records what the main process and the preload register, so tests can drive them (see electronShell.test.ts).
import { afterAll, vi } from 'vitest';
import { makeTempDir, removeTempDirs } from '../helpers/tempDirs.js';

// No test ever touches the learner's own HALAB_HOME: each test file starts in a private one (tests on real
// containers pick their own again with isolateHome()).
process.env.HALAB_HOME = makeTempDir('halab-test-home-');
// Registered before any hook of the test file, so it runs after all of them (vitest runs after-hooks in
// reverse order): the temp folders go once nothing uses them any more.
afterAll(removeTempDirs);

vi.mock('electron', () => {
  let nextId = 1;
  /** A window whose webContents records its handlers; tests find instances in BrowserWindow.mock.instances. */
  class FakeBrowserWindow {
    readonly options: unknown;
    readonly webContents: {
      id: number;
      mainFrame: { url: string };
      handlers: Map<string, (...args: unknown[]) => unknown>;
      windowOpenHandler?: (details: unknown) => unknown;
      on: (event: string, fn: (...args: unknown[]) => unknown) => void;
      setWindowOpenHandler: (fn: (details: unknown) => unknown) => void;
      send: ReturnType<typeof vi.fn>;
    };
    loadURL = vi.fn(() => Promise.resolve());
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    isDestroyed = (): boolean => false;
    constructor(options: unknown) {
      this.options = options;
      const handlers = new Map<string, (...args: unknown[]) => unknown>();
      const wc: FakeBrowserWindow['webContents'] = {
        id: nextId++,
        mainFrame: { url: 'app://renderer/index.html' },
        handlers,
        on: (event, fn) => void handlers.set(event, fn),
        setWindowOpenHandler: (fn) => {
          wc.windowOpenHandler = fn;
        },
        send: vi.fn(),
      };
      this.webContents = wc;
    }
  }
  return {
    app: { isPackaged: false, whenReady: () => Promise.resolve(), on: vi.fn(), quit: vi.fn(), getLocale: () => 'en-US', enableSandbox: vi.fn() },
    BrowserWindow: vi.fn(FakeBrowserWindow),
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    contextBridge: { exposeInMainWorld: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] })), showErrorBox: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn() },
  };
});
