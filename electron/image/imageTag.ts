// The lab image's tag carries a hash of everything that defines it, so a changed definition is rebuilt.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { containersDir } from '../util/paths.js';

export const IMAGE_REPO = 'halab-node';
/** Files in containers/ that define the image. Tests and docs there do not change it. */
const DEFINING = [/^Dockerfile$/, /^packages\.txt$/, /^build-offline\.sh$/, /^rootfs\//];

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(full);
  }
  return out;
}

export async function imageDefinitionHash(root = containersDir()): Promise<string> {
  const files = (await walk(root))
    .map((f) => relative(root, f))
    .filter((f) => DEFINING.some((re) => re.test(f)))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) {
    const full = join(root, f);
    // Links in rootfs/ point at paths inside the image: their target text is what defines them.
    const content = (await lstat(full)).isSymbolicLink() ? `link:${await readlink(full)}` : await readFile(full);
    hash.update(f).update('\0').update(content).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

export async function imageTag(): Promise<string> {
  return `${IMAGE_REPO}:${await imageDefinitionHash()}`;
}
