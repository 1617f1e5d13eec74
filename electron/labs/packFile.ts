// Opens a file of a pack the only safe way: resolved inside the pack, opened without following a last link
// and without blocking (a FIFO would hang a plain read), checked on the open handle to be a regular file
// within its budget, and read no further than the budget even if it grows meanwhile. Used at load and again
// at every later read, since a folder pack may change in between.
import { constants } from 'node:fs';
import { open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { formatBytes } from './budgets.js';

export type PackFileResult = { ok: true; size: number; handle: FileHandle } | { ok: false; message: string };

const insideDir = (dir: string, real: string): boolean => {
  const rel = relative(dir, real);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** Where an open handle really is: Linux tells through /proc; elsewhere the path is resolved once more. */
async function pathOfHandle(handle: FileHandle, path: string): Promise<string | undefined> {
  if (process.platform === 'linux') return readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  return realpath(path).catch(() => undefined);
}

/** Opens `rel` of the pack at `dir` (a real path) after every check; the caller closes the handle. */
export async function openPackFile(dir: string, rel: string, maxBytes: number): Promise<PackFileResult> {
  let real: string;
  try {
    real = await realpath(resolve(dir, rel));
  } catch {
    return { ok: false, message: `"${rel}" does not exist in the pack` };
  }
  if (!insideDir(dir, real)) return { ok: false, message: `"${rel}" resolves outside the pack (a link?)` };
  let handle: FileHandle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return { ok: false, message: `"${rel}" changed while it was read, or cannot be opened` };
  }
  const refuse = async (message: string): Promise<PackFileResult> => {
    await handle.close();
    return { ok: false, message };
  };
  const info = await handle.stat();
  // The handle, not the name, is what gets read: it must still be inside the pack (no folder swapped for a link).
  const opened = await pathOfHandle(handle, real);
  if (opened === undefined || !insideDir(dir, opened)) return refuse(`"${rel}" resolves outside the pack (a link?)`);
  if (!info.isFile()) return refuse(`"${rel}" is not a file`);
  if (info.size > maxBytes) return refuse(`"${rel}" is larger than ${formatBytes(maxBytes)} (budget)`);
  return { ok: true, size: info.size, handle };
}

/** The file's bytes, at most `maxBytes`: a file that grew past its budget since the check is refused. */
export async function readOpenedFile(handle: FileHandle, rel: string, size: number, maxBytes: number): Promise<Buffer | string> {
  try {
    // Sized to the file as checked; grown once to the budget if the file grew since.
    let buf = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buf.length) {
        if (filled > maxBytes) return `"${rel}" is larger than ${formatBytes(maxBytes)} (budget)`;
        const grown = Buffer.alloc(maxBytes + 1);
        buf.copy(grown);
        buf = grown;
      }
    }
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** Reads a file of the pack after every check; a problem comes back as its message. */
export async function readPackBytes(dir: string, rel: string, maxBytes: number): Promise<{ ok: true; bytes: Buffer } | { ok: false; message: string }> {
  const opened = await openPackFile(dir, rel, maxBytes);
  if (!opened.ok) return opened;
  const bytes = await readOpenedFile(opened.handle, rel, opened.size, maxBytes);
  return typeof bytes === 'string' ? { ok: false, message: bytes } : { ok: true, bytes };
}

/** The same, as UTF-8 text. */
export async function readPackFile(dir: string, rel: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const read = await readPackBytes(dir, rel, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}
