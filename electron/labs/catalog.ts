// Finds lab packs: the built-in ones under labs/, or any folder given by path.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { halabHome, labsDir } from '../util/paths.js';
import { loadPack, MANIFEST_FILE, type LabPack } from './loadPack.js';
import { UserError } from '../util/errors.js';
import { makeRemapper, mapStrings } from '../topology/subnet.js';

/** Where `halab pack import` puts instructors' packs. */
export const userPacksDir = (): string => join(halabHome(), 'packs');

async function packDirsIn(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const dirs: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const ok = await stat(join(root, e.name, MANIFEST_FILE)).then(() => true, () => false);
    if (ok) dirs.push(join(root, e.name));
  }
  return dirs.sort();
}

/** The built-in packs, then the imported ones. */
export async function builtInPackDirs(): Promise<string[]> {
  return [...(await packDirsIn(labsDir())), ...(await packDirsIn(userPacksDir()))];
}

/** A lab id of a built-in pack, or a path to a pack folder. */
export async function findPack(idOrDir: string): Promise<LabPack> {
  if (idOrDir.includes('/') || idOrDir.startsWith('.')) return loadPack(resolve(idOrDir));
  for (const dir of await builtInPackDirs()) {
    const pack = await loadPack(dir);
    if (pack.manifest.id === idOrDir) return pack;
  }
  const ids = await Promise.all((await builtInPackDirs()).map(async (d) => (await loadPack(d).catch(() => undefined))?.manifest.id));
  throw new UserError(`No lab named "${idOrDir}".`, `Known labs: ${ids.filter(Boolean).join(', ') || '(none)'}. Or give a path to a pack folder.`, 'E_NO_LAB');
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
