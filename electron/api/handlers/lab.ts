// lab.up, lab.down and lab.reset. Every window hears lab.changed; a reset first copies the learner's
// edited files (kept by the editor under $HALAB_HOME/files/<lab>/) into $HALAB_HOME/backups/<lab>/<time>/.
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../handlerTypes.js';
import type { LabDetail } from '../../../common/contract.js';
import { broadcast } from '../dispatch.js';
import { findPack, remapPack } from '../../labs/catalog.js';
import { down, up } from '../../topology/manager.js';
import { topologyHub } from '../../topology/liveTopology.js';
import { halabHome } from '../../util/paths.js';
import { learnerFilesDir } from '../../files/learnerCopy.js';
import { getLab, labDetail } from './labs.js';
import { runningLab, upRecord, withLabLock } from './labContext.js';
import { applyCheckpoint } from '../../checks/checkpoint.js';
import { UserError } from '../../util/errors.js';

export const backupsDir = (lab: string): string => join(halabHome(), 'backups', lab);

async function startLab(lab: string): Promise<LabDetail> {
  const running = await upRecord(lab);
  if (running) return getLab(lab); // already up: starting twice is not an error for the UI
  const pack = await findPack(lab);
  let imageLines = 0;
  const view = await up(pack, {
    instance: lab,
    onProgress: (line) => {
      // Image build lines are what takes long on a first start: the UI shows them as they come.
      if (line.startsWith('[up]')) return;
      imageLines += 1;
      broadcast('image.progress', { line, done: false });
    },
  });
  if (imageLines) broadcast('image.progress', { line: 'lab image ready', done: true });
  topologyHub.labStarted(lab);
  broadcast('lab.changed', { lab, running: true });
  return labDetail(remapPack(pack, view.record.subnet), view.record);
}

async function stopLab(lab: string): Promise<{ removedContainers: number }> {
  await topologyHub.labStopped(lab);
  const report = await down(lab);
  broadcast('lab.changed', { lab, running: false });
  return { removedContainers: report.containers.length };
}

/** Copies the learner's files aside; null when there is nothing to keep. */
export async function backupLearnerFiles(lab: string, now = new Date()): Promise<string | null> {
  const from = learnerFilesDir(lab);
  const entries = await readdir(from).catch(() => []);
  if (entries.length === 0) return null;
  const to = join(backupsDir(lab), now.toISOString().replace(/[:.]/g, '-'));
  await cp(from, to, { recursive: true, errorOnExist: true, force: false });
  return to;
}

export const labHandlers: Handlers = {
  'lab.up': ({ lab }) => withLabLock(lab, () => startLab(lab)),
  'lab.down': ({ lab }) => withLabLock(lab, () => stopLab(lab)),
  'lab.reset': ({ lab }) =>
    withLabLock(lab, async () => {
      await findPack(lab); // an unknown lab fails before anything is touched
      const backup = await backupLearnerFiles(lab);
      await stopLab(lab);
      return { backup, detail: await startLab(lab) };
    }),
  // A reset, then the earlier steps' reference solutions, the same code `halab up --from-step` runs.
  'lab.startFrom': ({ lab, step }) =>
    withLabLock(lab, async () => {
      const count = (await findPack(lab)).manifest.steps.length;
      if (step >= count) throw new UserError(`The lab "${lab}" has ${count} steps: there is no step ${step + 1}.`, { code: 'E_STEP' });
      const backup = await backupLearnerFiles(lab);
      await stopLab(lab);
      await startLab(lab);
      await applyCheckpoint(await runningLab(lab), step, (index, total) => { broadcast('lab.checkpoint', { lab, index, total }); });
      return { backup, detail: await getLab(lab), solved: step };
    }),
};
