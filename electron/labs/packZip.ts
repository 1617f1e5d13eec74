// Lab packs as zip files, for instructors to share. Import is defensive: an archive is untrusted input.
// Entries escaping the pack, links, devices, too many or too large files are refused before anything is
// written, the pack is validated in a temporary folder, and only a valid pack is moved into place.
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import { loadPack, MANIFEST_FILE, type LabPack } from './loadPack.js';
import { UserError } from '../util/errors.js';
import { extractEntry, readZipEntries } from './zipEntries.js';
import { readPackBytes } from './packFile.js';

// Limits of an archive, before the pack budgets (budgets.ts) apply to what it unpacks to.
export const MAX_ZIP_BYTES = 20 * 1024 * 1024;
export const MAX_ENTRIES = 2000;
/** One entry: room for files the manifest does not name (the pack's own budgets bound those it does). */
export const MAX_ENTRY_BYTES = 1024 * 1024;
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const SAFE_ENTRY = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\-/]+$/;

async function packFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isSymbolicLink()) throw new UserError(`The pack contains a link (${relative(base, full)}): packs hold plain files only.`);
    if (entry.isDirectory()) out.push(...(await packFiles(full, base)));
    else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'));
  }
  return out.sort();
}

/** Writes a valid pack as a zip whose entries sit under "<id>/". */
export async function exportPack(packDir: string, zipPath: string): Promise<{ id: string; files: number }> {
  const pack = await loadPack(packDir);
  const files = await packFiles(pack.dir);
  const entries: Record<string, Uint8Array> = {};
  // The archive must be one that import accepts: the same limits, and every file read through the pack checks.
  if (files.length > MAX_ENTRIES) throw new UserError(`The pack has more than ${MAX_ENTRIES} files.`);
  for (const f of files) {
    const read = await readPackBytes(pack.dir, f, MAX_ENTRY_BYTES);
    if (!read.ok) throw new UserError(`Cannot export the pack: ${read.message}.`);
    entries[`${pack.manifest.id}/${f}`] = read.bytes;
  }
  await writeFile(zipPath, zipSync(entries, { level: 6 }));
  return { id: pack.manifest.id, files: files.length };
}

/** Checks every entry of an archive; returns the file entries with the shared top folder removed. */
export function vetEntries(zip: Uint8Array): Map<string, Uint8Array> {
  if (zip.byteLength > MAX_ZIP_BYTES) throw new UserError(`The archive is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MiB.`);
  const entries = readZipEntries(zip, MAX_ENTRIES);
  // Every check that needs no inflating comes first, on the declared sizes: a bomb is refused unread.
  let total = 0;
  const names = new Set<string>();
  for (const e of entries) {
    if (e.unixType !== 0 && e.unixType !== S_IFREG && e.unixType !== S_IFDIR) throw new UserError(`Refused entry "${e.name}": links and special files are not allowed in a pack.`);
    if (e.unixType === S_IFDIR && !e.name.endsWith('/')) throw new UserError(`Refused entry "${e.name}": links and special files are not allowed in a pack.`);
    const folder = e.name.endsWith('/');
    if (!SAFE_ENTRY.test(folder ? e.name.slice(0, -1) : e.name)) throw new UserError(`Refused entry "${e.name}": absolute, "..", or unusual characters.`);
    if (names.has(e.name)) throw new UserError(`Refused entry "${e.name}": it is in the archive twice.`);
    names.add(e.name);
    if (e.declaredSize > MAX_ENTRY_BYTES) throw new UserError(`"${e.name}" is larger than 1 MiB.`);
    total += e.declaredSize;
    if (total > MAX_UNPACKED_BYTES) throw new UserError('The archive unpacks to more than 50 MiB.');
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    const data = extractEntry(zip, e);
    if (e.name.endsWith('/')) {
      if (data.byteLength) throw new UserError(`Refused entry "${e.name}": a folder entry with contents.`);
      continue; // folder entries carry nothing
    }
    files.set(e.name, data);
  }
  // Accept both "<id>/lab.yaml ..." and "lab.yaml ..." at the top.
  const tops = new Set([...files.keys()].map((n) => n.split('/')[0]));
  const prefix = files.has(MANIFEST_FILE) ? '' : tops.size === 1 ? `${[...tops][0] ?? ''}/` : undefined;
  if (prefix === undefined || !files.has(`${prefix}${MANIFEST_FILE}`)) throw new UserError('The archive holds no lab.yaml at its top (or in one top folder).');
  return new Map([...files].filter(([n]) => n.startsWith(prefix)).map(([n, d]) => [n.slice(prefix.length), d]));
}

/**
 * Gives an unpacked pack the modes of any other folder of files: 0755 folders, 0644 files. The staging folder
 * is made 0700 (mkdtemp), the umask may be anything, and the zip's own modes are not trusted.
 */
async function settleModes(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await settleModes(full);
    else await chmod(full, 0o644);
  }
}

/** Unpacks a zip into destRoot/<id>, after vetting and validating it. Refuses to overwrite an existing pack. */
export async function importPack(zipPath: string, destRoot: string): Promise<LabPack> {
  const info = await stat(zipPath).catch(() => undefined);
  if (!info?.isFile()) throw new UserError(`${zipPath} is not a zip file.`);
  if (info.size > MAX_ZIP_BYTES) throw new UserError(`The archive is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MiB.`);
  const zip = new Uint8Array(await readFile(zipPath));
  const files = vetEntries(zip);
  const staging = await mkdtemp(join(tmpdir(), 'halab-import-'));
  try {
    for (const [name, data] of files) {
      const target = join(staging, name);
      if (relative(staging, target).startsWith('..')) throw new UserError(`Refused entry "${name}".`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data, { mode: 0o644 });
    }
    const pack = await loadPack(staging);
    const dest = join(destRoot, pack.manifest.id);
    if (await lstat(dest).then(() => true, () => false)) throw new UserError(`A pack "${pack.manifest.id}" already exists at ${dest}.`, { fix: 'Remove it first, or change the id in the archive.' });
    await mkdir(destRoot, { recursive: true });
    await settleModes(staging);
    await rename(staging, dest).catch(async () => {
      // Another file system: copy by re-writing the vetted entries.
      for (const [name, data] of files) {
        await mkdir(dirname(join(dest, name)), { recursive: true });
        await writeFile(join(dest, name), data, { mode: 0o644 });
      }
      await settleModes(dest);
    });
    return await loadPack(dest);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
