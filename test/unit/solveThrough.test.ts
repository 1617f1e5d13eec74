// What `halab solve --step N` records: steps 1..N solved, and the current step N+1, whatever an earlier run left.
import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { currentStepIndex } from '../../electron/core/grading.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { loadProgress, markSolved, markSolvedThrough, recordStep, stepStatus } from '../../electron/progress/progressStore.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('solving through step N', () => {
  beforeEach(() => {
    process.env.HALAB_HOME = makeTempDir('halab-solve-through-');
  });

  it('makes step N+1 current, also after an earlier run solved every step', async () => {
    const { manifest } = await loadPack(join(projectRoot(), 'labs', 'vrrp-pair'));
    const ids = manifest.steps.map((s) => s.id);
    await markSolved(manifest.id, ids);
    expect(await currentStepIndex(manifest)).toBe(ids.length - 1);
    await markSolvedThrough(manifest.id, ids.slice(0, 1), ids.slice(1));
    expect(await currentStepIndex(manifest)).toBe(1);
    await markSolvedThrough(manifest.id, ids.slice(0, 2), ids.slice(2));
    expect(await currentStepIndex(manifest)).toBe(2);
  });

  it('never takes back an earned step', async () => {
    await recordStep('lab', { step: 's3', passed: true });
    await markSolvedThrough('lab', ['s1'], ['s2', 's3']);
    const steps = (await loadProgress()).progress.labs.lab?.steps ?? {};
    expect([steps.s1, steps.s2, steps.s3].map(stepStatus)).toEqual(['solved', 'todo', 'earned']);
  });
});
