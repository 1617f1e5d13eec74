// Finds lab packs: the built-in ones under labs/, or any folder given by path.
import { readdir, realpath } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { halabHome, labsDir } from '../util/paths.js';
import { loadPack, MANIFEST_FILE, type LabPack } from './loadPack.js';
import { MAX_MANIFEST_BYTES } from './budgets.js';
import { parseManifest } from './manifestYaml.js';
import { readPackFile } from './packFile.js';
import { UserError } from '../util/errors.js';
import { sortLabs, type Orderable } from '../../common/labOrder.js';
import { labManifest } from './schema.js';
import { makeRemapper, mapStrings } from './remap.js';

/** Where `halab pack import` puts instructors' packs. */
export const userPacksDir = (): string => join(halabHome(), 'packs');

/** A pack folder and what the lab list is sorted by. Read from the raw manifest, so a pack that does not load still has a place. */
export interface CatalogEntry extends Orderable {
  dir: string;
  imported: boolean;
}

async function entryOf(dir: string, imported: boolean): Promise<CatalogEntry | undefined> {
  const realDir = await realpath(dir).catch(() => undefined);
  if (!realDir) return undefined;
  // Through the loader's checks (no FIFO, device or link out of the pack; within budget): listing never hangs.
  const read = await readPackFile(realDir, MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (!read.ok && read.message.endsWith('does not exist in the pack')) return undefined;
  let data: unknown;
  try {
    // A manifest that breaks a budget is the loader's error to report; here it only loses its place.
    if (read.ok) data = parseManifest(read.text, MANIFEST_FILE).data;
  } catch {
    data = undefined;
  }
  const m = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const id = typeof m.id === 'string' ? m.id : basename(dir);
  const titles = typeof m.title === 'object' && m.title !== null ? (m.title as Record<string, unknown>) : {};
  const title = typeof titles.en === 'string' ? titles.en : id;
  const order = labManifest.shape.order.safeParse(m.order).data;
  return { dir, imported, id, title, order };
}

async function entriesIn(root: string, imported: boolean): Promise<CatalogEntry[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => entryOf(join(root, e.name), imported)));
  return found.filter((e): e is CatalogEntry => e !== undefined);
}

/** Pack folders listed first, ahead of every other (`halab pack dev`): a pack of the same id elsewhere is hidden. */
let pinnedDirs: readonly string[] = [];

export function pinPackDirs(dirs: readonly string[]): void {
  pinnedDirs = [...dirs];
}

/** Every pack, in the order of the lab list: the pinned ones, the built-in ones by `order`, then the imported ones. */
export async function catalog(): Promise<CatalogEntry[]> {
  const [builtIn, imported, pinned] = await Promise.all([entriesIn(labsDir(), false), entriesIn(userPacksDir(), true), Promise.all(pinnedDirs.map((d) => entryOf(d, true)))]);
  const first = pinned.filter((e): e is CatalogEntry => e !== undefined);
  return [...first, ...sortLabs([...builtIn, ...imported]).filter((e) => !first.some((p) => p.id === e.id))];
}

/** The folders of every pack (built-in, then imported), in the order of the lab list. */
export async function packDirs(): Promise<string[]> {
  return (await catalog()).map((e) => e.dir);
}

/** A lab id of a built-in pack, or a path to a pack folder. */
export async function findPack(idOrDir: string): Promise<LabPack> {
  if (idOrDir.includes('/') || idOrDir.startsWith('.')) return loadPack(resolve(idOrDir));
  const packs = await catalog();
  const entry = packs.find((e) => e.id === idOrDir);
  if (entry) return loadPack(entry.dir);
  throw new UserError(`No lab named "${idOrDir}".`, { fix: `Known labs: ${packs.map((e) => e.id).join(', ') || '(none)'}. Or give a path to a pack folder.`, code: 'E_NO_LAB' });
}

/** The same pack with every address of its subnet moved into another /24 (files, texts and checks alike). */
export function remapPack(pack: LabPack, toSubnet: string): LabPack {
  const remap = makeRemapper(pack.manifest.topology.subnet, toSubnet);
  if (toSubnet === pack.manifest.topology.subnet) return pack;
  return {
    dir: pack.dir,
    manifest: mapStrings(pack.manifest, remap),
    readText: async (rel) => remap(await pack.readText(rel)),
  };
}
