// The desktop's File > Open Pack Folder (electron/main.ts against the mocked electron module): the menu keeps
// Electron's usual roles, the item asks for a folder, opens it with the core of `halab pack dev`, and moves
// the window to the pack's preview, which the API then serves (packdev.watch) to the window's session only.
/* eslint-disable @typescript-eslint/unbound-method -- the mocked Electron APIs are vi.fn()s, they use no `this` */
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { IPC_CALL } from '../../common/contract.js';
import type { PackDevState } from '../../common/packDev.js';
import { desktopMenuTemplate, OPEN_PACK_FOLDER_LABEL, type MenuEntry } from '../../electron/packdev/desktopMenu.js';
import { closePackDev, currentPackDev } from '../../electron/packdev/packDev.js';
import { scaffoldPack } from '../../electron/labs/scaffoldPack.js';
import { APP_ENTRY } from '../../electron/shell/windowOptions.js';
import { makeTempDir } from '../helpers/tempDirs.js';

interface FakeWindow {
  webContents: { id: number; mainFrame: { url: string } };
  loadURL: ReturnType<typeof vi.fn>;
}

const openItem = (template: MenuEntry[]): MenuEntry | undefined => template.flatMap((e) => e.submenu ?? []).find((e) => e.label === OPEN_PACK_FOLDER_LABEL);

describe('the desktop menu', () => {
  it('keeps the platform roles (copy and paste, reload, windows) beside Open Pack Folder', () => {
    const onOpen = vi.fn();
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const template = desktopMenuTemplate(onOpen, platform);
      expect(template.map((e) => e.role ?? e.label)).toEqual([...(platform === 'darwin' ? ['appMenu'] : []), 'File', 'editMenu', 'viewMenu', 'windowMenu']);
      openItem(template)?.click?.();
    }
    expect(onOpen).toHaveBeenCalledTimes(3);
  });
});

describe('File > Open Pack Folder in electron/main.ts', () => {
  let win: FakeWindow;
  let ipcCall: (event: unknown, method: unknown, input: unknown) => Promise<unknown>;

  beforeAll(async () => {
    await import('../../electron/main.js');
    await new Promise((r) => setTimeout(r, 0)); // app.whenReady() resolved: the window exists
    win = vi.mocked(BrowserWindow).mock.instances[0] as unknown as FakeWindow;
    ipcCall = vi.mocked(ipcMain.handle).mock.calls.find(([channel]) => channel === IPC_CALL)?.[1] as unknown as typeof ipcCall;
  });

  afterAll(() => {
    closePackDev();
  });

  it('opens the chosen folder with the pack dev core and shows its preview in the window', async () => {
    const dir = join(makeTempDir('halab-desktop-pack-'), 'tc-desk');
    await scaffoldPack(dir, 'tc-desk');
    vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({ canceled: false, filePaths: [dir] });
    const template = vi.mocked(Menu.buildFromTemplate).mock.calls[0]?.[0] as unknown as MenuEntry[];
    openItem(template)?.click?.();
    await vi.waitFor(() => {
      expect(win.loadURL).toHaveBeenCalledWith(`${APP_ENTRY}#/packdev`);
    });
    expect(currentPackDev()?.dir).toBe(await realpath(dir));

    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const reply = (await ipcCall(event, 'packdev.watch', { on: true })) as { result: PackDevState };
    expect(reply.result.preview?.id).toBe('tc-desk');
    expect(reply.result.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('says why a folder does not open instead of failing silently', async () => {
    vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({ canceled: false, filePaths: [join(makeTempDir('halab-gone-'), 'missing')] });
    const template = vi.mocked(Menu.buildFromTemplate).mock.calls[0]?.[0] as unknown as MenuEntry[];
    openItem(template)?.click?.();
    await vi.waitFor(() => {
      expect(dialog.showErrorBox).toHaveBeenCalledWith('Open a lab pack folder', expect.stringContaining('is not a folder'));
    });
  });
});
