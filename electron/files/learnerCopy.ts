// The learner's own copy of every file saved from the editor, kept on the host under
// $HALAB_HOME/files/<lab>/<node>/<path>. It outlives the containers: a crash, a `down` or a lab reset
// (which backs this folder up first) never loses what the learner typed.
import { lstat, rename } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { halabHome } from '../util/paths.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { UserError } from '../util/errors.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** The folder holding every file the learner saved in this lab, one sub-folder per node. */
export function learnerFilesDir(lab: string): string {
  if (!NAME.test(lab)) throw new UserError(`"${lab}" is not a lab name.`, { code: 'E_BAD_INPUT' });
  return join(halabHome(), 'files', lab);
}

/** Where the host copy of node:path lives. Refuses anything that would land outside the lab's folder. */
export function learnerCopyPath(lab: string, node: string, path: string): string {
  if (!NAME.test(node)) throw new UserError(`"${node}" is not a node name.`, { code: 'E_BAD_INPUT' });
  const root = learnerFilesDir(lab);
  const target = resolve(root, node, path.replace(/^\/+/, ''));
  // The API's schema already refuses "..": this guards the other callers of this module.
  if (!path.startsWith('/') || !target.startsWith(root + sep + node + sep)) {
    throw new UserError(`"${path}" is not an absolute path inside the node.`, { code: 'E_BAD_PATH' });
  }
  return target;
}

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** A free name beside `path` for an older copy that is moved out of the way: <name>.replaced-<time>[-n]. */
async function asideName(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z');
  for (let n = 0; n < 100; n++) {
    const candidate = `${path}.replaced-${stamp}${n ? `-${n}` : ''}`;
    try {
      await lstat(candidate);
    } catch (err) {
      if (isMissing(err)) return candidate;
      throw err;
    }
  }
  throw new UserError(`Too many replaced copies beside ${path}.`, { code: 'E_WRITE' });
}

/**
 * Moves older copies out of the new one's way: a file where the new path needs a folder (a save of
 * /etc/keepalived as a file, then of /etc/keepalived/keepalived.conf), or a folder where the new file goes.
 * Without this the first save blocks every later one below it. Nothing is deleted: the older copy keeps
 * its text beside, renamed <name>.replaced-<time>.
 */
async function clearTheWay(nodeDir: string, target: string): Promise<void> {
  const parts = relative(nodeDir, target).split(sep);
  let at = nodeDir;
  for (const [i, part] of parts.entries()) {
    at = join(at, part);
    let info;
    try {
      info = await lstat(at);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    const last = i === parts.length - 1;
    if (last ? info.isDirectory() : !info.isDirectory()) await rename(at, await asideName(at));
    if (last || !info.isDirectory()) return;
  }
}

/** Writes the learner's copy atomically and returns where it is. */
export async function saveLearnerCopy(lab: string, node: string, path: string, content: string): Promise<string> {
  const target = learnerCopyPath(lab, node, path);
  await clearTheWay(join(learnerFilesDir(lab), node), target);
  await writeFileAtomic(target, content, 0o600);
  return target;
}
