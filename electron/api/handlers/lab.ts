// lab.up, lab.down, lab.reset and lab.startFrom over core/lifecycle.ts; every window hears lab.changed.
import type { Handlers } from '../handlerTypes.js';
import type { LabDetail } from '../../../common/contract.js';
import { broadcast } from '../dispatch.js';
import { resetLab, startLab, stopLab, type StartOptions } from '../../core/lifecycle.js';
import type { RunningLab } from '../../topology/manager.js';
import { getLab, labDetail } from './labs.js';

/** Image build lines are what takes long on a first start: every window shows them as they come. */
function imageProgress(): { onProgress: (line: string) => void; done: () => void } {
  let lines = 0;
  return {
    onProgress: (line) => {
      if (line.startsWith('[up]')) return;
      lines += 1;
      broadcast('image.progress', { line, done: false });
    },
    done: () => {
      if (lines) broadcast('image.progress', { line: 'lab image ready', done: true });
    },
  };
}

function startOptions(lab: string, fromIndex: number): StartOptions & { onStopped: () => void; done: () => void } {
  const progress = imageProgress();
  return {
    fromIndex,
    // A reset is a stop and a start: every window hears both, as it would of two clicks.
    onStopped: () => {
      broadcast('lab.changed', { lab, running: false });
    },
    onProgress: progress.onProgress,
    onCheckpointStep: (index, total) => {
      broadcast('lab.checkpoint', { lab, index, total });
    },
    done: progress.done,
  };
}

const detailOf = (view: RunningLab): Promise<LabDetail> => labDetail(view.pack, view.record);

export const labHandlers: Handlers = {
  'lab.up': async ({ lab }) => {
    const opts = startOptions(lab, 0);
    const started = await startLab(lab, opts);
    opts.done();
    if (!started.alreadyRunning) broadcast('lab.changed', { lab, running: true });
    return detailOf(started.lab);
  },
  'lab.down': async ({ lab }) => {
    const report = await stopLab(lab);
    broadcast('lab.changed', { lab, running: false });
    return { removedContainers: report.containers.length };
  },
  'lab.reset': async ({ lab }) => {
    const opts = startOptions(lab, 0);
    const { backup } = await resetLab(lab, opts);
    opts.done();
    broadcast('lab.changed', { lab, running: true });
    return { backup, detail: await getLab(lab) };
  },
  // A reset, then the earlier steps' reference solutions, the same code `halab up --from-step` runs.
  'lab.startFrom': async ({ lab, step }) => {
    const opts = startOptions(lab, step);
    const { backup } = await resetLab(lab, opts);
    opts.done();
    broadcast('lab.changed', { lab, running: true });
    return { backup, detail: await getLab(lab), solved: step };
  },
};
