// Reads a zip archive's entries for pack import from one central directory, read once: the entry count, the
// names, the Unix modes and the sizes all come from the same records (a second reader with its own count let
// a link slip past the mode check). Zip64, encryption, several disks and unknown methods are refused: a pack
// is a few small text files. Every entry is inflated no further than its declared size, and its real size and
// CRC-32 must match what the archive declares.
import * as zlib from 'node:zlib';
import { UserError } from '../util/errors.js';

export interface ZipEntry {
  name: string;
  /** Unix file type bits (S_IFMT) when the archive was made on Unix, else 0. */
  unixType: number;
  method: number;
  compressedSize: number;
  declaredSize: number;
  crc: number;
  dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const damaged = (what: string): UserError => new UserError(`The zip archive is damaged (${what}).`);

/** Finds the end record: the last signature whose comment ends exactly at the end of the file. */
function findEnd(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) === view.byteLength) return i;
  }
  throw new UserError('Not a zip archive (no central directory).');
}

/** The archive's entries, in central-directory order, after the structural checks. */
export function readZipEntries(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEnd(view);
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) throw new UserError('Zip64 archives are not supported: a pack is a few small files.');
  const diskEntries = view.getUint16(end + 8, true);
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdStart = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) throw new UserError('Multi-disk zip archives are not supported.');
  if (diskEntries !== count) throw damaged(`the end record gives two entry counts, ${diskEntries} and ${count}`);
  if (count === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) throw new UserError('Zip64 archives are not supported: a pack is a few small files.');
  if (count > maxEntries) throw new UserError(`The archive has more than ${maxEntries} entries.`);
  if (cdStart + cdSize !== end) throw damaged('the central directory is not where the end record says');
  const entries: ZipEntry[] = [];
  let at = cdStart;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw damaged('central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    if (at + 46 + nameLen + extraLen + commentLen > end) throw damaged('central directory');
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLen);
    // Names that are not plain ASCII are refused later whatever their encoding, so latin1 reads them safely.
    const name = Buffer.from(nameBytes).toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1');
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localAt === 0xffffffff) throw new UserError('Zip64 archives are not supported: a pack is a few small files.');
    if ((flags & 0x1) !== 0) throw new UserError(`Refused entry "${name}": encrypted entries are not allowed in a pack.`);
    if (method !== 0 && method !== 8) throw new UserError(`Refused entry "${name}": unknown compression method ${method}.`);
    if (method === 0 && compressedSize !== declaredSize) throw new UserError(`Refused entry "${name}": its stored size differs from its declared size.`);
    // The local header must agree on the name; the data follows it and must end before the central directory.
    if (localAt + 30 > cdStart || view.getUint32(localAt, true) !== LOCAL) throw damaged(`local header of "${name}"`);
    const localNameLen = view.getUint16(localAt + 26, true);
    const dataOffset = localAt + 30 + localNameLen + view.getUint16(localAt + 28, true);
    if (localNameLen !== nameLen || !Buffer.from(zip.subarray(localAt + 30, localAt + 30 + nameLen)).equals(Buffer.from(nameBytes))) {
      throw damaged(`the local and central names of "${name}" differ`);
    }
    if (dataOffset + compressedSize > cdStart) throw damaged(`data of "${name}"`);
    const madeByUnix = view.getUint8(at + 5) === 3;
    const unixType = madeByUnix ? (view.getUint32(at + 38, true) >>> 16) & 0o170000 : 0;
    entries.push({ name, unixType, method, compressedSize, declaredSize, crc, dataOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const jsCrc32 = (data: Uint8Array): number => {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** CRC-32 as zip uses it: Node's native one where it has it (20.15+), else the table above. */
export const crc32: (data: Uint8Array) => number = (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ?? jsCrc32;

/** The entry's bytes: inflated no further than its declared size, then checked for size and CRC. */
export function extractEntry(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const raw = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else {
    try {
      // One byte past the declared size is enough to know it lies; inflating stops there.
      data = zlib.inflateRawSync(raw, { maxOutputLength: entry.declaredSize + 1 });
    } catch (err) {
      const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
      throw new UserError(`Refused entry "${entry.name}": ${tooLarge ? 'it unpacks to more than its declared size' : 'its compressed data is damaged'}.`);
    }
  }
  if (data.byteLength !== entry.declaredSize) throw new UserError(`Refused entry "${entry.name}": it unpacks to ${data.byteLength} bytes, not its declared size of ${entry.declaredSize}.`);
  if (crc32(data) !== entry.crc) throw new UserError(`Refused entry "${entry.name}": its CRC does not match its contents (damaged or altered).`);
  return data;
}
