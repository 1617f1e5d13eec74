// The desktop app's menu: Electron's default one (its roles give the platform's usual items and shortcuts:
// copy and paste in terminals and the editor, reload, full screen, window management), with the File
// menu's first item opening a pack folder for authoring. Plain data, built into a Menu by electron/main.ts.

/** The shape of Electron's MenuItemConstructorOptions this menu uses (this folder does not import Electron). */
export interface MenuEntry {
  label?: string;
  role?: 'appMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'close' | 'quit';
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuEntry[];
}

export const OPEN_PACK_FOLDER_LABEL = 'Open Pack Folder…';

export function desktopMenuTemplate(openPackFolder: () => void, platform: NodeJS.Platform = process.platform): MenuEntry[] {
  const mac = platform === 'darwin';
  const file: MenuEntry = {
    label: 'File',
    submenu: [{ label: OPEN_PACK_FOLDER_LABEL, accelerator: 'CmdOrCtrl+Shift+O', click: openPackFolder }, { type: 'separator' }, { role: mac ? 'close' : 'quit' }],
  };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }];
}
