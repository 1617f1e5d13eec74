// Where the app keeps its own state: progress, running-lab records, learners' files.
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export function halabHome(): string {
  const fromEnv = process.env.HALAB_HOME;
  if (fromEnv) return resolve(fromEnv);
  const xdg = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(xdg, 'halab');
}

/** The project root (the folder holding package.json), whether run from source (electron/util) or built (dist/electron/util). */
export function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up2 = resolve(here, '..', '..');
  return up2.endsWith('/dist') ? dirname(up2) : up2;
}

/**
 * In the packaged app the code sits in resources/app.asar, a file only Electron's own fs reads into; the
 * folders other programs read (docker build, bash) are unpacked beside it (package.json build.asarUnpack).
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

export const labsDir = (): string => process.env.HALAB_LABS ?? outsideAsar(join(projectRoot(), 'labs'));
export const containersDir = (): string => outsideAsar(join(projectRoot(), 'containers'));
