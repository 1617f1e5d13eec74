// lab.up, lab.down, lab.reset and lab.startFrom over core/lifecycle.ts; every window hears lab.changed.
import type { HandlerContext, Handlers } from '../handlerTypes.js';
import type { LabDetail } from '../../../common/contract.js';
import { broadcast, broadcastTo } from '../dispatch.js';
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

/**
 * The learner's own copy of the lab (its instance, its progress); lab events reach that learner's windows only.
 * `fromIndex`: a start at a chosen step, which also tells the progress book where the learner now stands.
 */
function startOptions(lab: string, fromIndex: number | undefined, ctx: HandlerContext): StartOptions & { onStopped: () => void; done: () => void } {
  const progress = imageProgress();
  return {
    instance: ctx.scope.instance(lab),
    progress: ctx.scope.progress,
    ...(fromIndex !== undefined ? { fromIndex } : {}),
    // A reset is a stop and a start: every window hears both, as it would of two clicks.
    onStopped: () => {
      broadcastTo(ctx.scope, 'lab.changed', { lab, running: false });
    },
    onProgress: progress.onProgress,
    onCheckpointStep: (index, total) => {
      broadcastTo(ctx.scope, 'lab.checkpoint', { lab, index, total });
    },
    done: progress.done,
  };
}

const detailOf = (view: RunningLab, ctx: HandlerContext): Promise<LabDetail> => labDetail(view.pack, view.record, ctx.scope);

export const labHandlers: Handlers = {
  'lab.up': async ({ lab }, ctx) => {
    const opts = startOptions(lab, undefined, ctx);
    const started = await startLab(lab, opts);
    opts.done();
    if (!started.alreadyRunning) broadcastTo(ctx.scope, 'lab.changed', { lab, running: true });
    return detailOf(started.lab, ctx);
  },
  'lab.down': async ({ lab }, ctx) => {
    const report = await stopLab(ctx.scope.instance(lab));
    broadcastTo(ctx.scope, 'lab.changed', { lab, running: false });
    return { removedContainers: report.containers.length };
  },
  'lab.reset': async ({ lab }, ctx) => {
    const opts = startOptions(lab, undefined, ctx);
    const { backup } = await resetLab(lab, opts);
    opts.done();
    broadcastTo(ctx.scope, 'lab.changed', { lab, running: true });
    return { backup, detail: await getLab(lab, ctx.scope) };
  },
  // A reset, then the earlier steps' reference solutions, the same code `halab up --from-step` runs.
  'lab.startFrom': async ({ lab, step }, ctx) => {
    const opts = startOptions(lab, step, ctx);
    const { backup } = await resetLab(lab, opts);
    opts.done();
    broadcastTo(ctx.scope, 'lab.changed', { lab, running: true });
    return { backup, detail: await getLab(lab, ctx.scope), solved: step };
  },
};
