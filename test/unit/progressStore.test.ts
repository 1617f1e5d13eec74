import { beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProgress, recordStep } from '../../electron/progress/progressStore.js';
import type { StepResult } from '../../electron/checks/runChecks.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const result = (passed: boolean): StepResult => ({ step: 's1', index: 0, title: { en: 'S', 'zh-CN': 'S' }, passed, checks: [], ms: 1 });

describe('progress store', () => {
  beforeEach(() => {
    process.env.HALAB_HOME = makeTempDir('halab-home-');
  });

  it('never takes back an earned step', async () => {
    expect(await recordStep('lab', result(false))).toBe(false);
    expect(await recordStep('lab', result(true))).toBe(true);
    expect(await recordStep('lab', result(false))).toBe(false);
    const { progress } = await loadProgress();
    expect(progress.labs.lab?.steps.s1).toMatchObject({ attempts: 3, lastPassed: false });
    expect(progress.labs.lab?.steps.s1?.earnedAt).toBeTruthy();
  });

  it('recovers a damaged file from the last good copy and says so', async () => {
    await recordStep('lab', result(true));
    await recordStep('lab', result(false));
    const file = join(process.env.HALAB_HOME ?? '', 'progress.json');
    await writeFile(file, '{"format":1,"labs":{"lab":{"ste');
    const { progress, recovered } = await loadProgress();
    expect(recovered).toMatch(/restored the last good copy/);
    expect(progress.labs.lab?.steps.s1?.earnedAt).toBeTruthy();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(progress);
  });
});
