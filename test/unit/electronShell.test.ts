// The Electron shell cannot run here (no Electron binary), so it is proven by construction: the window's
// options, the main process's registrations against the mocked 'electron' (test/setup/mockElectron.ts),
// the IPC handler refusing foreign senders, and the compiled preload run the way Chromium's sandbox runs it.
// The packaged binary's fuses are tested in packaging.test.ts.
/* eslint-disable @typescript-eslint/unbound-method -- the mocked Electron APIs are vi.fn()s, they use no `this` */
import { describe, expect, it, vi, beforeAll } from 'vitest';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createContext, Script } from 'node:vm';
import ts from 'typescript';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../common/contract.js';
import { APP_ENTRY, devToolsAllowed, mainWindowOptions } from '../../electron/shell/windowOptions.js';
import { isTrustedSender } from '../../electron/shell/senderCheck.js';
import { allowPermission } from '../../electron/shell/permissions.js';
import { appProtocolResponse } from '../../electron/shell/appProtocol.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/staticFiles.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';

type Fn = (...args: unknown[]) => unknown;
interface FakeWindow {
  options: { webPreferences: Record<string, unknown> };
  webContents: { id: number; mainFrame: { url: string }; handlers: Map<string, Fn>; windowOpenHandler?: Fn; send: ReturnType<typeof vi.fn> };
  loadURL: ReturnType<typeof vi.fn>;
}

describe('window options', () => {
  it('isolate and sandbox the renderer, with no Node and web security on', () => {
    const o = mainWindowOptions('/x/preload.cjs');
    // The whole set, not a subset: a preference added later (enableBlinkFeatures, additionalArguments, ...)
    // fails here until it is reviewed.
    expect(o.webPreferences).toEqual({
      preload: '/x/preload.cjs',
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
      devTools: false,
    });
    expect(mainWindowOptions('/x/preload.cjs', { devTools: true }).webPreferences.devTools).toBe(true);
    expect(APP_ENTRY).toBe('app://renderer/index.html');
  });
});

describe('main process (electron/main.ts) against the mocked electron module', () => {
  let win: FakeWindow;
  let ipcCall: (event: unknown, method: unknown, input: unknown) => Promise<unknown>;

  beforeAll(async () => {
    process.env.HALAB_HOME = makeTempDir('halab-shell-');
    delete process.env.HALAB_DEVTOOLS;
    await import('../../electron/main.js');
    await new Promise((r) => setTimeout(r, 0)); // app.whenReady() resolved: the window exists
    win = vi.mocked(BrowserWindow).mock.instances[0] as unknown as FakeWindow;
    const registered = vi.mocked(ipcMain.handle).mock.calls.find(([channel]) => channel === IPC_CALL);
    ipcCall = registered?.[1] as unknown as typeof ipcCall;
  });

  it('registers the app:// scheme as privileged, turns the sandbox on for all renderers, and serves app://', () => {
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }]);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('creates one window with the asserted options and a CommonJS preload, and loads app://renderer', () => {
    expect(BrowserWindow).toHaveBeenCalledOnce();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/electron[/\\]preload\.cjs$/);
    // Exactly mainWindowOptions(): the object the security scan (scripts/electronegativity.mjs) checks.
    expect(win.options).toEqual(mainWindowOptions(String(prefs.preload)));
    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
  });

  it('keeps DevTools closed in an unpackaged app unless HALAB_DEVTOOLS=1 asks for them', () => {
    // The mocked app is not packaged (app.isPackaged false), as under `npm start`.
    expect(app.isPackaged).toBe(false);
    expect(win.options.webPreferences.devTools).toBe(false);
  });

  it('blocks navigation, new windows and <webview>', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      win.webContents.handlers.get(event)?.({ preventDefault }, 'https://example.com/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('refuses permission requests other than the clipboard for our own page', () => {
    const requestHandler = vi.mocked(session.defaultSession.setPermissionRequestHandler).mock.calls[0]?.[0] as unknown as Fn;
    const checkHandler = vi.mocked(session.defaultSession.setPermissionCheckHandler).mock.calls[0]?.[0] as unknown as Fn;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      requestHandler({}, permission, cb, { requestingUrl: 'app://renderer/index.html' });
      expect(cb, permission).toHaveBeenCalledWith(false);
      expect(checkHandler({}, permission, 'app://renderer')).toBe(false);
    }
    const cb = vi.fn();
    requestHandler({}, 'clipboard-read', cb, { requestingUrl: 'https://evil.example/' });
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('rejects IPC calls from a foreign sender before looking at them', async () => {
    expect(ipcCall).toBeTypeOf('function');
    const wc = win.webContents;
    const foreign = [
      { sender: { id: wc.id + 100, mainFrame: wc.mainFrame }, senderFrame: wc.mainFrame }, // another webContents
      { sender: wc, senderFrame: { url: 'https://evil.example/' } }, // a subframe
      { sender: { ...wc, mainFrame: { url: 'https://evil.example/' } }, senderFrame: undefined }, // frame gone
    ];
    const navigatedAway = { url: 'https://evil.example/index.html' };
    foreign.push({ sender: { ...wc, mainFrame: navigatedAway }, senderFrame: navigatedAway }); // main frame elsewhere
    const fileFrame = { url: 'file:///work/main/dist/renderer/index.html' };
    foreign.push({ sender: { ...wc, mainFrame: fileFrame }, senderFrame: fileFrame });
    for (const event of foreign) await expect(ipcCall(event, 'labs.list', {})).rejects.toThrow(/Refused/);
  });

  it('dispatches calls from our own window, validating input, and sends events to it', async () => {
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await ipcCall(event, 'no.such', {})).toMatchObject({ error: { code: 'E_METHOD' } });
    expect(await ipcCall(event, 'labs.get', { lab: '../etc' })).toMatchObject({ error: { code: 'E_INPUT' } });
    const { broadcast } = await import('../../electron/api/dispatch.js');
    broadcast('docker.connection', { ok: true });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, { event: 'docker.connection', payload: { ok: true } });
  });
});

describe('devToolsAllowed (the opt-in)', () => {
  it('opens DevTools only for HALAB_DEVTOOLS=1, and never in a packaged app', () => {
    expect(devToolsAllowed(false, {})).toBe(false);
    expect(devToolsAllowed(false, { HALAB_DEVTOOLS: '1' })).toBe(true);
    for (const value of ['0', 'true', 'yes', '', ' 1', '1 ']) expect(devToolsAllowed(false, { HALAB_DEVTOOLS: value }), value).toBe(false);
    expect(devToolsAllowed(true, { HALAB_DEVTOOLS: '1' })).toBe(false);
    expect(devToolsAllowed(true, {})).toBe(false);
  });
});

describe('sender check and permissions (plain functions)', () => {
  const base = { frameUrl: 'app://renderer/index.html', isMainFrame: true, webContentsId: 3, windowWebContentsId: 3 };
  it('trusts only our window main frame on app://renderer', () => {
    expect(isTrustedSender(base)).toBe(true);
    expect(isTrustedSender({ ...base, frameUrl: 'app://renderer/deep/route?x=1' })).toBe(true);
    expect(isTrustedSender({ ...base, webContentsId: 4 })).toBe(false);
    expect(isTrustedSender({ ...base, windowWebContentsId: undefined })).toBe(false);
    expect(isTrustedSender({ ...base, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...base, frameUrl: undefined })).toBe(false);
    for (const url of ['app://other/index.html', 'app://renderer.evil/x', 'https://renderer/x', 'file:///index.html', 'app://user:pw@renderer/', 'not a url']) {
      expect(isTrustedSender({ ...base, frameUrl: url }), url).toBe(false);
    }
  });
  it('allows only the clipboard, only to app://renderer', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true);
    expect(allowPermission('clipboard-read', 'app://renderer')).toBe(true);
    expect(allowPermission('clipboard-read', 'https://evil.example')).toBe(false);
    expect(allowPermission('media', 'app://renderer/index.html')).toBe(false);
    expect(allowPermission('clipboard-read', undefined)).toBe(false);
  });
});

describe('the app:// scheme handler', () => {
  it('serves the renderer folder with the CSP and refuses other hosts and traversal', async () => {
    // The secret sits next to the served folder, where a traversal would land.
    const base = makeTempDir('halab-app-');
    const root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>HA Lab</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    const outside = base;
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(join(outside, 'secret.txt'), join(root, 'assets', 'link.txt'));

    const index = await appProtocolResponse('app://renderer/index.html', root);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('HA Lab');
    expect((await appProtocolResponse('app://renderer/assets/app.js', root)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await appProtocolResponse('app://renderer/', root)).status).toBe(200);
    expect((await appProtocolResponse('app://elsewhere/index.html', root)).status).toBe(404);
    for (const path of ['/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/link.txt', '/%00', '/..%5csecret.txt', '/assets/..%5c..%5csecret.txt']) {
      const res = await appProtocolResponse(`app://renderer${path}`, root);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('secret');
    }
  });
});

describe('the preload, compiled and run as a sandboxed preload', () => {
  async function runPreload(): Promise<{ exposed: Map<string, unknown>; required: string[]; invoke: ReturnType<typeof vi.fn>; deliver: (msg: unknown) => void }> {
    const source = await readFile(join(projectRoot(), 'electron', 'preload.cts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exposed = new Map<string, unknown>();
    const required: string[] = [];
    const invoke = vi.fn();
    let eventListener: Fn | undefined;
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
      ipcRenderer: {
        invoke,
        on: (channel: string, fn: Fn) => {
          if (channel === IPC_EVENT) eventListener = fn;
        },
      },
    };
    // Chromium's sandbox runs a preload inside exactly this wrapper, with a require that knows 'electron' and little else.
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const wrapped = new Script(`(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${js}\n})`);
    const run = wrapped.runInContext(createContext({ console })) as Fn;
    const module = { exports: {} };
    run(sandboxRequire, {}, undefined, {}, undefined, undefined, module.exports, module);
    return { exposed, required, invoke, deliver: (msg) => eventListener?.({}, msg) };
  }

  it('loads in the sandbox, requires only electron, and exposes window.halab = { call, on } only', async () => {
    const { exposed, required } = await runPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['halab']);
    expect(Object.keys(exposed.get('halab') as object).sort()).toEqual(['call', 'on']);
  });

  it("carries calls over IPC_CALL and hands over the dispatcher's reply, errors included, as data", async () => {
    const { exposed, invoke } = await runPreload();
    const api = exposed.get('halab') as { call: (m: string, i: unknown) => Promise<unknown> };
    invoke.mockResolvedValueOnce({ result: [{ id: 'vrrp-pair' }] });
    await expect(api.call('labs.list', {})).resolves.toEqual({ result: [{ id: 'vrrp-pair' }] });
    expect(invoke).toHaveBeenCalledWith(IPC_CALL, 'labs.list', {});
    // renderer/api/ipcClient.ts rebuilds the error on the page's side: a class made here would not cross the contextBridge.
    invoke.mockResolvedValueOnce({ error: { code: 'E_NOT_RUNNING', message: 'not running', fix: 'start it' } });
    await expect(api.call('checks.run', { lab: 'x', step: 0 })).resolves.toEqual({ error: { code: 'E_NOT_RUNNING', message: 'not running', fix: 'start it' } });
  });

  it('delivers IPC_EVENT messages to the listeners of that event until they unsubscribe', async () => {
    const { exposed, deliver } = await runPreload();
    const api = exposed.get('halab') as { on: (e: string, l: Fn) => () => void };
    const topo = vi.fn();
    const other = vi.fn();
    const off = api.on('topology.update', topo);
    api.on('lab.changed', other);
    deliver({ event: 'topology.update', payload: { lab: 'x' } });
    off();
    deliver({ event: 'topology.update', payload: { lab: 'y' } });
    deliver({ event: 42, payload: {} });
    expect(topo).toHaveBeenCalledOnce();
    expect(topo).toHaveBeenCalledWith({ lab: 'x' });
    expect(other).not.toHaveBeenCalled();
  });
});

describe('where electron may be imported', () => {
  it('only electron/main.ts and electron/preload.cts import it', async () => {
    const root = projectRoot();
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (/\.(c|m)?tsx?$/.test(e.name)) files.push(full);
      }
    };
    await walk(join(root, 'electron'));
    await walk(join(root, 'renderer')).catch(() => undefined);
    const importers: string[] = [];
    for (const f of files) {
      if (/\bfrom\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/.test(await readFile(f, 'utf8'))) importers.push(relative(root, f));
    }
    expect(importers.sort()).toEqual(['electron/main.ts', 'electron/preload.cts']);
  });
});
