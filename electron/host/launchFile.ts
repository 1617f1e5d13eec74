// How `halab serve` hands the browser its way in without putting a secret on a command line: the command
// line of xdg-open, and of the browser it starts, is readable by every local user (/proc/PID/cmdline).
// So the browser is given the path of a small page that only this user can read (0600 in a 0700 folder
// of HALAB_HOME); the page sends it on to a one-time launch code, which the host trades for its cookie.
// (Jupyter opens its browser the same way.) A browser that cannot read the file, such as a confined snap,
// still has the printed URL.
import { chmodSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { halabHome } from '../util/paths.js';

const escapeAttr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function launchPage(url: string): string {
  const href = escapeAttr(url);
  return `<!doctype html>\n<meta charset="utf-8">\n<meta name="referrer" content="no-referrer">\n<meta http-equiv="refresh" content="0;url=${href}">\n<title>HA Lab</title>\n<p><a href="${href}">Open HA Lab</a></p>\n`;
}

/** A folder only this user may enter. Refuses one that is a link or someone else's (it could be swapped under us). */
function privateFolder(): string {
  const dir = join(halabHome(), 'run');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) throw new Error(`${dir} is not a folder of this user`);
  chmodSync(dir, 0o700);
  return dir;
}

/** Writes the page for this port and returns its path. */
export function writeLaunchFile(port: number, url: string): string {
  const file = join(privateFolder(), `open-${port}.html`);
  rmSync(file, { force: true }); // a leftover of a killed host on the same port
  // 'wx' creates it anew (O_EXCL: never through a link planted in its place), 0600 from the first byte.
  writeFileSync(file, launchPage(url), { flag: 'wx', mode: 0o600 });
  return file;
}

export function removeLaunchFile(file: string): void {
  rmSync(file, { force: true });
}
