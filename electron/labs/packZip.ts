// Lab packs as zip files, for instructors to share. Import is defensive: an archive is untrusted input.
// Entries escaping the pack, links, devices, too many or too large files are refused before anything is
// written, the pack is validated in a temporary folder, and only a valid pack is moved into place.
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { loadPack, MANIFEST_FILE, MAX_PACK_FILE_BYTES, type LabPack } from './loadPack.js';
import { UserError } from '../util/errors.js';

export const MAX_ZIP_BYTES = 20 * 1024 * 1024;
export const MAX_ENTRIES = 2000;
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
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
  for (const f of files) entries[`${pack.manifest.id}/${f}`] = await readFile(join(pack.dir, f));
  await writeFile(zipPath, zipSync(entries, { level: 6 }));
  return { id: pack.manifest.id, files: files.length };
}

/** Checks every entry of an archive; returns the file entries with the shared top folder removed. */
export function vetEntries(zip: Uint8Array): Map<string, Uint8Array> {
  if (zip.byteLength > MAX_ZIP_BYTES) throw new UserError(`The archive is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MiB.`);
  let count = 0;
  let total = 0;
  let unpacked: Unzipped;
  try {
    // The filter sees each entry's declared size before it is inflated: a zip bomb is refused unread.
    unpacked = unzipSync(zip, {
      filter: (file) => {
        count += 1;
        total += file.originalSize;
        if (count > MAX_ENTRIES) throw new UserError(`The archive has more than ${MAX_ENTRIES} entries.`);
        if (file.originalSize > MAX_PACK_FILE_BYTES) throw new UserError(`"${file.name}" is larger than 1 MiB.`);
        if (total > MAX_UNPACKED_BYTES) throw new UserError('The archive unpacks to more than 50 MiB.');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`Not a readable zip archive: ${err instanceof Error ? err.message : String(err)}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(unpacked)) {
    if (name.endsWith('/')) continue; // folder entries carry nothing
    if (!SAFE_ENTRY.test(name)) throw new UserError(`Refused entry "${name}": absolute, "..", or unusual characters.`);
    files.set(name, data);
  }
  // Accept both "<id>/lab.yaml ..." and "lab.yaml ..." at the top.
  const tops = new Set([...files.keys()].map((n) => n.split('/')[0]));
  const prefix = files.has(MANIFEST_FILE) ? '' : tops.size === 1 ? `${[...tops][0] ?? ''}/` : undefined;
  if (prefix === undefined || !files.has(`${prefix}${MANIFEST_FILE}`)) throw new UserError('The archive holds no lab.yaml at its top (or in one top folder).');
  return new Map([...files].filter(([n]) => n.startsWith(prefix)).map(([n, d]) => [n.slice(prefix.length), d]));
}

/** Zip entries carry Unix modes in their external attributes: links and devices are refused. */
export function refuseSpecialEntries(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record (0x06054b50) sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UserError('Not a zip archive (no central directory).');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== 0x02014b50) throw new UserError('The zip archive is damaged (central directory).');
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const madeByUnix = view.getUint8(at + 5) === 3;
    const type = (view.getUint32(at + 38, true) >>> 16) & 0o170000;
    const name = Buffer.from(zip.subarray(at + 46, at + 46 + nameLen)).toString('utf8');
    if (madeByUnix && type !== 0 && type !== 0o100000 && type !== 0o040000) {
      throw new UserError(`Refused entry "${name}": links and special files are not allowed in a pack.`);
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
}

/** Unpacks a zip into destRoot/<id>, after vetting and validating it. Refuses to overwrite an existing pack. */
export async function importPack(zipPath: string, destRoot: string): Promise<LabPack> {
  const zip = new Uint8Array(await readFile(zipPath));
  refuseSpecialEntries(zip);
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
    await rename(staging, dest).catch(async () => {
      // Another file system: copy by re-writing the vetted entries.
      for (const [name, data] of files) {
        await mkdir(dirname(join(dest, name)), { recursive: true });
        await writeFile(join(dest, name), data, { mode: 0o644 });
      }
    });
    return await loadPack(dest);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
