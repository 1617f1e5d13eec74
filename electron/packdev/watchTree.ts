// Watches a pack folder and every folder below it for changes, whatever way an editor saves: in place, or
// a new file renamed over the old one (vim, JetBrains, atomic writers), which a watch on the file itself
// would lose track of. One non-recursive fs.watch per folder, re-listed after every change, so folders
// made or removed later are followed too; on Linux, Node's own recursive mode does the same in JavaScript.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A pack holds a few folders (steps/en, files/lb01, ...); past this count the rest are not watched. */
export const MAX_WATCHED_FOLDERS = 200;
/** Folders no pack ships and that change often on their own. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.halab']);
/** Editors' own scratch files: swap files, backups, vim's write probe. Saving never changes only these. */
const SCRATCH_FILE = /(^\.?#|~$|\.sw[a-p]x?$|^4913$|\.tmp$|\.crswap$)/;

export interface TreeWatch {
  /** Follows folders made or removed since the last call. */
  rescan(): Promise<void>;
  close(): void;
}

async function foldersBelow(root: string): Promise<string[]> {
  const found = [root];
  for (let i = 0; i < found.length && found.length < MAX_WATCHED_FOLDERS; i++) {
    const dir = found[i] ?? root;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory() && !SKIPPED_FOLDERS.has(e.name) && found.length < MAX_WATCHED_FOLDERS) found.push(join(dir, e.name));
  }
  return found;
}

/** Calls `onChange` with the pack-relative path of every changed file (scratch files left out). */
export async function watchTree(root: string, onChange: (relPath: string) => void, onError: (err: Error) => void): Promise<TreeWatch> {
  /** Each folder's watch, with the folder's inode: a folder removed and made again under the same name needs a new watch. */
  const watchers = new Map<string, { w: FSWatcher; ino: number }>();
  let closed = false;
  const add = (dir: string, ino: number): void => {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        const file = name ?? '';
        if (SCRATCH_FILE.test(file)) return;
        onChange(relative(root, join(dir, file)) || '.');
      });
      // A folder removed under its watch: dropped here, and listed again by the next rescan if it comes back.
      w.on('error', (err) => {
        w.close();
        if (watchers.get(dir)?.w === w) watchers.delete(dir);
        if (dir === root) onError(err);
      });
      watchers.set(dir, { w, ino });
    } catch (err) {
      if (dir === root) throw err;
    }
  };
  const rescan = async (): Promise<void> => {
    const folders = await foldersBelow(root);
    const now = new Map<string, number>();
    for (const dir of folders) {
      const st = await stat(dir).catch(() => undefined);
      if (st) now.set(dir, st.ino);
    }
    if (closed) return;
    for (const [dir, { w, ino }] of watchers) {
      if (now.get(dir) !== ino) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, ino] of now) if (!watchers.has(dir)) add(dir, ino);
  };
  await rescan();
  return {
    rescan,
    close: () => {
      closed = true;
      for (const { w } of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
