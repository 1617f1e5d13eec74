// The self-test run from `halab pack dev`'s page, on real containers: testPack itself, each check's reading
// passed on as it is made (must fail on a fresh lab and before its solution, must pass after it), and a
// second run refused while one is running. Everything it starts is removed by the self-test itself.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackDevSelfTestEvent } from '../../common/packDev.js';
import { scaffoldPack } from '../../electron/labs/scaffoldPack.js';
import { selfTestPack } from '../../electron/packdev/packDevSelfTest.js';
import { isolateHome, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('the pack dev self-test', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
  });

  it('passes on a good pack with every check read both ways, one run at a time', async () => {
    const dir = join(makeTempDir('halab-packdev-st-'), 'tc-selftest');
    await scaffoldPack(dir, 'tc-selftest');
    const events: PackDevSelfTestEvent[] = [];
    const run = selfTestPack(
      dir,
      (e) => {
        events.push(e);
      },
      'tc-selftest',
    );
    await expect(selfTestPack(dir, () => undefined, 'tc-selftest-2')).rejects.toMatchObject({ code: 'E_BUSY' });
    const report = await run;
    expect(report).toMatchObject({ lab: 'tc-selftest', passed: true, checksProven: 1, checksTotal: 1, defects: [] });
    const readings = events.flatMap((e) => (e.kind === 'reading' ? [e] : []));
    expect(readings.map((r) => [r.phase, r.check, r.passed])).toEqual([
      ['fresh', 'vip-on-lb01', false],
      ['after-solution', 'vip-on-lb01', true],
    ]);
    expect(readings[1]?.seen.en).toMatch(/lb01/);
    expect(events.some((e) => e.kind === 'progress')).toBe(true);
  });
});
