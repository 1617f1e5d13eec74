// The core of `halab pack dev` and of the desktop's "Open pack folder": one pack folder, watched; every save
// loads it again, lints it, and tells every listener (the open pages) the new state. The folder's pack is
// listed first in the lab list (catalog.ts), so Start, Check and the learner's view work on it as usual.
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Lang } from '../../common/contract.js';
import type { PackDevState } from '../../common/packDev.js';
import { pinPackDirs } from '../labs/catalog.js';
import { loadInstance } from '../topology/instances.js';
import { errorMessage, UserError } from '../util/errors.js';
import { debounce, PACK_DEV_DEBOUNCE_MS, serialRunner } from './debounce.js';
import { loadForPreview } from './packPreview.js';
import { watchTree, type TreeWatch } from './watchTree.js';

export interface PackDevOptions {
  /** The language the page starts in; absent: both side by side. */
  lang?: Lang;
  debounceMs?: number;
  log?: (line: string) => void;
}

export interface PackDev {
  /** The folder, resolved (links followed). */
  readonly dir: string;
  state(): PackDevState;
  /** Hears every reload; returns what stops it. */
  subscribe(listener: (state: PackDevState) => void): () => void;
  /** Loads the folder again now (as a save would). */
  reload(): void;
  /** Settles once every reload asked for so far has finished. */
  settled(): Promise<void>;
  close(): void;
}

async function isRunning(id: string | undefined): Promise<boolean> {
  if (!id) return false;
  return (await loadInstance(id).catch(() => undefined))?.state === 'up';
}

export async function createPackDev(dirArg: string, opts: PackDevOptions = {}): Promise<PackDev> {
  const log = opts.log ?? ((): void => undefined);
  const dir = await realpath(resolve(dirArg)).catch(() => {
    throw new UserError(`${dirArg} is not a folder.`, { fix: 'Give the folder of a lab pack (the one holding lab.yaml), or make one: halab pack new <dir>.', code: 'E_PACK' });
  });
  const listeners = new Set<(state: PackDevState) => void>();
  let revision = 0;
  let current: PackDevState = { dir, revision, loadedAt: Date.now(), findings: [], running: false, ...(opts.lang ? { lang: opts.lang } : {}) };
  // Set once the first load is done: that load needs no watch yet.
  const watching: { tree?: TreeWatch } = {};
  let closed = false;

  const load = async (): Promise<void> => {
    const loaded = await loadForPreview(dir);
    // The last good lesson stays on the page while the file on disk is broken: the author sees where they were.
    const preview = loaded.preview ?? current.preview;
    const next: PackDevState = {
      dir,
      revision: ++revision,
      loadedAt: Date.now(),
      ...(preview ? { preview } : {}),
      ...(loaded.loadError ? { loadError: loaded.loadError } : {}),
      findings: loaded.findings,
      ...(opts.lang ? { lang: opts.lang } : {}),
      running: await isRunning(preview?.id),
    };
    await watching.tree?.rescan();
    if (closed) return;
    current = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (err) {
        log(`[pack dev] a listener failed: ${errorMessage(err)}`);
      }
    }
  };
  const runner = serialRunner(load, (err) => {
    log(`[pack dev] loading ${dir} failed: ${errorMessage(err)}`);
  });
  const onSave = debounce(() => {
    runner.request();
  }, opts.debounceMs ?? PACK_DEV_DEBOUNCE_MS);

  await load();
  watching.tree = await watchTree(
    dir,
    () => {
      onSave.poke();
    },
    (err) => {
      log(`[pack dev] watching ${dir} stopped: ${err.message}`);
    },
  );
  return {
    dir,
    state: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    reload: () => {
      runner.request();
    },
    settled: () => runner.idle(),
    close: () => {
      closed = true;
      onSave.cancel();
      watching.tree?.close();
      listeners.clear();
    },
  };
}

// ---------- the one open pack folder of this process ----------

let open: PackDev | undefined;

/** Opens a pack folder for authoring (closing the one open before) and lists its pack first. */
export async function openPackDev(dir: string, opts: PackDevOptions = {}): Promise<PackDev> {
  const dev = await createPackDev(dir, opts);
  open?.close();
  open = dev;
  pinPackDirs([dev.dir]);
  return dev;
}

export function currentPackDev(): PackDev | undefined {
  return open;
}

export function closePackDev(): void {
  open?.close();
  open = undefined;
  pinPackDirs([]);
}
