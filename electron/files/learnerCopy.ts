// The learner's own copy of every file saved from the editor, kept on the host under
// $HALAB_HOME/files/<lab>/<node>/<path>. It outlives the containers: a crash, a `down` or a lab reset
// (which backs this folder up first) never loses what the learner typed.
import { join, resolve, sep } from 'node:path';
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

/** Writes the learner's copy atomically and returns where it is. */
export async function saveLearnerCopy(lab: string, node: string, path: string, content: string): Promise<string> {
  const target = learnerCopyPath(lab, node, path);
  await writeFileAtomic(target, content, 0o600);
  return target;
}
