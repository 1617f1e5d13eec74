// The lab list with the learner's progress: one answer for every front end (the CLI's `halab labs`, the
// app's labs.list, the reports), so they can never count differently. Progress of steps a pack no longer
// has is ignored; steps done with the reference solution count apart, never as earned.
import { basename } from 'node:path';
import { catalog } from '../labs/catalog.js';
import { loadPack } from '../labs/loadPack.js';
import type { LabSummary } from '../../common/contract.js';
import { stepStatus } from '../progress/progressStore.js';
import { localScope, type LearnerScope } from './learnerScope.js';
import { loadInstance } from '../topology/instances.js';
import { errorMessage } from '../util/errors.js';

/** A lab as the app's list shows it, plus what the CLI also prints. */
export interface LabListEntry extends LabSummary {
  dir: string;
  /** Steps done with the reference solution: shown, never counted as earned. */
  solved: number;
}

/** Every pack in the lab list's order, with its progress; `recovered` when the progress file was restored. */
export async function labList(scope: LearnerScope = localScope): Promise<{ labs: LabListEntry[]; recovered?: string }> {
  const { progress, recovered } = await scope.progress.load();
  const labs = await Promise.all(
    (await catalog()).map(async ({ dir, imported, order }): Promise<LabListEntry> => {
      const common = { dir, ...(order ? { order } : {}), ...(imported ? { imported } : {}) };
      try {
        const { manifest: m } = await loadPack(dir);
        const mine = progress.labs[m.id]?.steps ?? {};
        const count = (status: 'earned' | 'solved'): number => m.steps.filter((s) => stepStatus(mine[s.id]) === status).length;
        return {
          ...common,
          id: m.id,
          title: m.title,
          summary: m.summary,
          ...(m.minutes ? { minutes: m.minutes } : {}),
          steps: m.steps.length,
          earned: count('earned'),
          solved: count('solved'),
          running: (await loadInstance(scope.instance(m.id)))?.state === 'up',
        };
      } catch (err) {
        // A pack that does not load is named by its folder: its manifest's id may be what is broken.
        const folder = basename(dir);
        return { ...common, id: folder, title: { en: folder, 'zh-CN': folder }, summary: { en: '', 'zh-CN': '' }, steps: 0, earned: 0, solved: 0, running: false, error: errorMessage(err) };
      }
    }),
  );
  return { labs, ...(recovered ? { recovered } : {}) };
}
